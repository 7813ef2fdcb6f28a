/**
 * Operator CLI commands for webhooks (see lib/cli/run-cli.ts):
 *   webhook create (--email E | --org S) --url U --events a,b   (the signing secret alone on the last line)
 *   webhook list (--email E | --org S)
 *   webhook deliver      (send the deliveries that are due now: for hosts with neither cron nor `npm start`)
 */
import { parseArgs } from "node:util";
import type { Db } from "@/db";
import { findOrganizationBySlug } from "@/db/queries/orgs";
import { findUserByEmail } from "@/db/queries/users";
import type { WebhookOwner } from "@/db/queries/webhooks";
import { createWebhookEndpoint, deliverDueWebhooks, listEndpoints, WebhookError } from "@/lib/webhooks";

export const WEBHOOK_USAGE = `  webhook create (--email E | --org S) --url U --events a,b   (the signing secret alone on the last line)
  webhook list (--email E | --org S)
  webhook deliver     (send the webhook deliveries that are due now)`;

export class WebhookCliError extends Error {}
type Out = { log: (line: string) => void; err: (line: string) => void };

function parse(args: string[], names: string[]) {
  try {
    const options = Object.fromEntries(names.map((n) => [n, { type: "string" as const }]));
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<string, string | undefined>;
  } catch (e) {
    throw new WebhookCliError(e instanceof Error ? e.message : String(e));
  }
}

async function ownerOf(db: Db, v: Record<string, string | undefined>): Promise<{ owner: WebhookOwner; name: string }> {
  if (Boolean(v.email) === Boolean(v.org)) throw new WebhookCliError("give exactly one of --email (a person's endpoint) or --org (an organization's)");
  if (v.email) {
    const user = await findUserByEmail(db, v.email);
    if (!user) throw new WebhookCliError(`no user with email ${v.email}`);
    return { owner: { userId: user.id }, name: user.email };
  }
  const org = await findOrganizationBySlug(db, v.org ?? "");
  if (!org) throw new WebhookCliError(`no organization with slug ${v.org}`);
  return { owner: { orgId: org.id }, name: `org ${org.slug}` };
}

/** Runs a `webhook …` command; false when argv is not one. */
export async function runWebhookCommand(db: Db, argv: string[], out: Out): Promise<boolean> {
  const [noun, verb, ...rest] = argv;
  if (noun !== "webhook") return false;
  if (verb === "create") {
    const v = parse(rest, ["email", "org", "url", "events"]);
    const { owner, name } = await ownerOf(db, v);
    if (!v.url) throw new WebhookCliError("--url is required");
    const events = (v.events ?? "").split(",").map((e) => e.trim()).filter(Boolean);
    try {
      const { endpoint, secret } = await createWebhookEndpoint(db, owner, { url: v.url, events });
      out.err(`created webhook endpoint ${endpoint.id} for ${name} (${endpoint.events.join(", ")}); its signing secret is shown only now:`);
      out.log(secret);
    } catch (e) {
      if (e instanceof WebhookError) throw new WebhookCliError(e.message);
      throw e;
    }
  } else if (verb === "list") {
    const { owner } = await ownerOf(db, parse(rest, ["email", "org"]));
    const endpoints = await listEndpoints(db, owner);
    if (!endpoints.length) out.log("no webhook endpoints");
    for (const e of endpoints) out.log([e.id, e.url, e.disabledAt ? `disabled (${e.disabledReason ?? ""})` : "enabled", e.events.join(",")].join("\t"));
  } else if (verb === "deliver") {
    parse(rest, []);
    const r = await deliverDueWebhooks(db);
    out.log(`attempted ${r.attempted}, delivered ${r.delivered}, failed ${r.failed}, endpoints disabled ${r.disabled}`);
  } else {
    throw new WebhookCliError(WEBHOOK_USAGE.trimStart());
  }
  return true;
}
