/**
 * Operator CLI commands for organizations and services (see lib/cli/run-cli.ts):
 *   org create --owner EMAIL --slug S --name N
 *   org suspend|activate --slug S
 *   service create --org S --slug S --name N [--type web] [--redirect-uri URL]… [--provider CODE[=scope,scope]]…
 *   service-key create --org S --service S --name N --permissions p,p [--expires-in-days N]   (the key alone on the last line)
 *   plan create --org S --service S --name N [--price-cents N] [--currency usd]               (the plan id alone on the last line)
 */
import { parseArgs } from "node:util";
import type { Db } from "@/db";
import { findOrganizationBySlug } from "@/db/queries/orgs";
import { findUserByEmail } from "@/db/queries/users";
import { createOrganization } from "@/lib/orgs/create-organization";
import { OrgError } from "@/lib/orgs/org-error";
import { setOrganizationStatus } from "@/lib/orgs/set-organization-status";
import { createServiceKey } from "@/lib/service-keys/manage-service-keys";
import { createPlan } from "@/lib/services/manage-plans";
import { createService, requireService } from "@/lib/services/manage-services";
import { parseProviderArg, parseServiceType } from "@/lib/services/service-config";

export const ORG_USAGE = `  org create --owner EMAIL --slug S --name N
  org suspend|activate --slug S
  service create --org S --slug S --name N [--type web|mobile|desktop|api] [--redirect-uri URL]… [--provider CODE[=scope,scope]]…
  service-key create --org S --service S --name N --permissions p,p [--expires-in-days N]
  plan create --org S --service S --name N [--price-cents N] [--currency usd]`;

export class OrgCliError extends Error {}
type Out = { log: (line: string) => void; err: (line: string) => void };
type Spec = Record<string, { type: "string"; multiple?: boolean }>;

function parse(args: string[], spec: Spec) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values as Record<string, string | string[] | undefined>;
  } catch (e) {
    throw new OrgCliError(e instanceof Error ? e.message : String(e));
  }
}

function one(v: Record<string, string | string[] | undefined>, name: string, fallback?: string): string {
  const value = v[name];
  if (typeof value === "string" && value) return value;
  if (fallback !== undefined) return fallback;
  throw new OrgCliError(`--${name} is required`);
}

function many(v: Record<string, string | string[] | undefined>, name: string): string[] {
  const value = v[name];
  return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
}

function integer(raw: string, name: string): number {
  if (!/^\d+$/.test(raw)) throw new OrgCliError(`--${name} must be a whole number`);
  return Number(raw);
}

async function org(db: Db, slug: string) {
  const found = await findOrganizationBySlug(db, slug);
  if (!found) throw new OrgCliError(`no organization with slug ${slug}`);
  return found;
}

/** Runs one org/service command; false when argv is not one of them. */
export async function runOrgCommand(db: Db, argv: string[], out: Out): Promise<boolean> {
  const [noun, verb, ...rest] = argv;
  const cmd = `${noun ?? ""} ${verb ?? ""}`;
  try {
    if (cmd === "org create") {
      const v = parse(rest, { owner: { type: "string" }, slug: { type: "string" }, name: { type: "string" } });
      const email = one(v, "owner");
      const owner = await findUserByEmail(db, email);
      if (!owner) throw new OrgCliError(`no user with email ${email}; create one with: user create --email ${email} --password …`);
      const created = await createOrganization(db, { ownerUserId: owner.id, slug: one(v, "slug"), name: one(v, "name") });
      out.log(`created organization ${created.slug} (${created.id}) owned by ${owner.email}`);
    } else if (cmd === "org suspend" || cmd === "org activate") {
      const v = parse(rest, { slug: { type: "string" } });
      const updated = await setOrganizationStatus(db, one(v, "slug"), verb === "suspend" ? "suspended" : "active");
      out.log(`organization ${updated.slug} is ${updated.status}`);
    } else if (cmd === "service create") {
      const v = parse(rest, { org: { type: "string" }, slug: { type: "string" }, name: { type: "string" }, type: { type: "string" }, "redirect-uri": { type: "string", multiple: true }, provider: { type: "string", multiple: true } });
      const o = await org(db, one(v, "org"));
      const service = await createService(db, { orgId: o.id, userId: null }, {
        slug: one(v, "slug"),
        name: one(v, "name"),
        serviceType: parseServiceType(one(v, "type", "web")),
        redirectUris: many(v, "redirect-uri"),
        providers: many(v, "provider").map(parseProviderArg),
      });
      out.log(`created service ${o.slug}/${service.slug} (${service.id}) with the default plan "free"`);
    } else if (cmd === "service-key create") {
      const v = parse(rest, { org: { type: "string" }, service: { type: "string" }, name: { type: "string" }, permissions: { type: "string" }, "expires-in-days": { type: "string" } });
      const o = await org(db, one(v, "org"));
      const service = await requireService(db, o.id, one(v, "service"));
      const permissions = one(v, "permissions").split(",").map((p) => p.trim()).filter(Boolean);
      const days = v["expires-in-days"] ? integer(one(v, "expires-in-days"), "expires-in-days") : null;
      const { key, row } = await createServiceKey(db, { orgId: o.id, userId: null }, service, { name: one(v, "name"), permissions, expiresInDays: days });
      out.err(`created service key ${row.id} "${row.name}" for ${o.slug}/${service.slug}${row.expiresAt ? `, expires ${row.expiresAt.toISOString()}` : ""}; it is shown only now:`);
      out.log(key);
    } else if (cmd === "plan create") {
      const v = parse(rest, { org: { type: "string" }, service: { type: "string" }, name: { type: "string" }, "price-cents": { type: "string" }, currency: { type: "string" } });
      const o = await org(db, one(v, "org"));
      const service = await requireService(db, o.id, one(v, "service"));
      const plan = await createPlan(db, { orgId: o.id, userId: null }, service, { name: one(v, "name"), priceCents: integer(one(v, "price-cents", "0"), "price-cents"), currency: one(v, "currency", "usd") });
      out.err(`created plan "${plan.name}" (${plan.priceCents} ${plan.currency}) for ${o.slug}/${service.slug}:`);
      out.log(plan.id);
    } else {
      return false;
    }
    return true;
  } catch (e) {
    if (e instanceof OrgError) throw new OrgCliError(e.message);
    throw e;
  }
}
