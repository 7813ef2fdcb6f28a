import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { testDb, uniqueEmail } from "@/lib/testing/fixtures";
import { makeOrg } from "@/lib/testing/org-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { runCli } from "./run-cli";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { log: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

let receiver: WebhookReceiver;
beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "true";
  resetEnvCache();
  receiver = await startWebhookReceiver();
  await testDb(); // the first migration of an in-memory PGlite is slow on a loaded machine
}, 180_000);
afterAll(async () => {
  await receiver?.stop();
});

describe("operator CLI: webhook", () => {
  it("webhook create --email prints the secret alone on the last line; the person's next key event arrives signed with it", async () => {
    const email = uniqueEmail("hook");
    expect((await cli("user", "create", "--email", email, "--password", "correct horse battery")).code).toBe(0);
    const created = await cli("webhook", "create", "--email", email, "--url", receiver.url("/cli"), "--events", "api_key.created,api_key.revoked");
    expect(created.code).toBe(0);
    const secret = created.out.at(-1) ?? "";
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.out).toEqual([secret]);
    expect(created.err.join("\n")).toMatch(/^created webhook endpoint wh_\w+ for .+ \(api_key\.created, api_key\.revoked\); its signing secret is shown only now:$/);

    const key = await cli("key", "create", "--email", email, "--name", "hooked");
    expect(key.code).toBe(0);
    expect((await cli("webhook", "deliver")).code).toBe(0);
    const hook = receiver.received.find((h) => h.path === "/cli");
    if (!hook) throw new Error("nothing delivered");
    const payload = new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>) as { type: string; data: { name: string } };
    expect(payload).toMatchObject({ type: "api_key.created", data: { name: "hooked" } });
    expect(hook.body).not.toContain(key.out.at(-1));

    const list = await cli("webhook", "list", "--email", email);
    expect(list.out).toEqual([expect.stringMatching(new RegExp(`^wh_\\w+\\t${receiver.url("/cli")}\\tenabled\\tapi_key.created,api_key.revoked$`))]);
    expect(list.out.join("")).not.toContain(secret.slice(6));
  }, 60_000);

  it("webhook create --org registers the organization's endpoint", async () => {
    const { org } = await makeOrg(await testDb());
    const created = await cli("webhook", "create", "--org", org.slug, "--url", receiver.url("/org"), "--events", "provider_grant.created");
    expect(created.code).toBe(0);
    expect(created.out.at(-1)).toMatch(/^whsec_/);
    expect((await cli("webhook", "list", "--org", org.slug)).out[0]).toContain("\tprovider_grant.created");
  });

  it.each([
    [["--url", "https://example.com/h", "--events", "api_key.created"], "akhrot: give exactly one of --email (a person's endpoint) or --org (an organization's)"],
    [["--email", "a@example.test", "--org", "x", "--url", "https://example.com/h", "--events", "api_key.created"], "akhrot: give exactly one of --email (a person's endpoint) or --org (an organization's)"],
    [["--org", "no-such-org-slug", "--url", "https://example.com/h", "--events", "api_key.created"], "akhrot: no organization with slug no-such-org-slug"],
  ])("refuses %j", async (args, message) => {
    const r = await cli("webhook", "create", ...args);
    expect(r).toEqual({ code: 2, out: [], err: [message] });
  });

  it("refuses unknown events and, without WEBHOOK_ALLOW_PRIVATE_URLS, private URLs", async () => {
    const email = uniqueEmail("hook");
    await cli("user", "create", "--email", email, "--password", "correct horse battery");
    const unknown = await cli("webhook", "create", "--email", email, "--url", "https://example.com/h", "--events", "key.made");
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toMatch(/^akhrot: events: unknown event key\.made/);
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "false";
    resetEnvCache();
    try {
      const local = await cli("webhook", "create", "--email", email, "--url", receiver.url(), "--events", "api_key.created");
      expect(local).toEqual({ code: 2, out: [], err: ["akhrot: url: must use https"] });
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "true";
      resetEnvCache();
    }
  });
});
