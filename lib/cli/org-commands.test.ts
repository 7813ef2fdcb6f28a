import { describe, expect, it } from "vitest";
import { GET as info } from "@/app/api/service/info/route";
import { POST as createUser } from "@/app/api/service/users/route";
import { POST as createSub } from "@/app/api/service/subscriptions/route";
import { uniqueEmail } from "@/lib/testing/fixtures";
import { serviceRequest, uniqueSlug } from "@/lib/testing/org-fixtures";
import { runCli } from "./run-cli";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { log: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe("operator CLI: organizations, services, keys, plans", () => {
  it("org create → service create → service-key create (key last) → plan create (id last) → the key works; suspend/activate", async () => {
    const email = uniqueEmail("owner");
    await cli("user", "create", "--email", email, "--password", "correct horse battery");
    const org = uniqueSlug("acme");
    expect((await cli("org", "create", "--owner", email, "--slug", org, "--name", "Acme")).code).toBe(0);
    const svc = await cli("service", "create", "--org", org, "--slug", "web", "--name", "Web", "--type", "api", "--redirect-uri", "https://app.example/cb", "--redirect-uri", "http://localhost:3000/cb", "--provider", "github=repo,read:user", "--provider", "openai");
    expect(svc.code).toBe(0);
    const minted = await cli("service-key", "create", "--org", org, "--service", "web", "--name", "backend", "--permissions", "read:service,write:users,write:subscriptions", "--expires-in-days", "30");
    expect(minted.code).toBe(0);
    const key = minted.out.at(-1) ?? "";
    expect(key).toMatch(/^aks_[0-9A-Za-z]{49}$/);
    expect(minted.err.join()).not.toContain(key);
    const planned = await cli("plan", "create", "--org", org, "--service", "web", "--name", "pro", "--price-cents", "1900");
    const planId = planned.out.at(-1) ?? "";
    expect(planId).toMatch(/^plan_/);

    const got = await info(serviceRequest("/api/service/info", key));
    expect(await got.json()).toMatchObject({ slug: "web", name: "Web", service_type: "api" });
    const user = (await (await createUser(serviceRequest("/api/service/users", key, { method: "POST", body: { email: "end@example.test" } }))).json()) as { id: string };
    const sub = await createSub(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: user.id, plan_id: planId } }));
    expect(await sub.json()).toMatchObject({ plan_name: "pro" });

    expect((await cli("org", "suspend", "--slug", org)).out).toEqual([`organization ${org} is suspended`]);
    expect((await (await info(serviceRequest("/api/service/info", key))).json()).error).toBe("API key organization is not active");
    expect((await cli("org", "activate", "--slug", org)).out).toEqual([`organization ${org} is active`]);
    expect((await info(serviceRequest("/api/service/info", key))).status).toBe(200);
  }, 120_000);

  it.each([
    [["org", "create", "--owner", "nobody@example.test", "--slug", "x-y", "--name", "X"], /no user with email/],
    [["org", "suspend", "--slug", "no-such-org"], /Organization not found: no-such-org/],
    [["service", "create", "--org", "no-such-org", "--slug", "svc1", "--name", "S"], /no organization with slug no-such-org/],
    [["service-key", "create", "--org", "no-such-org", "--service", "s", "--name", "n", "--permissions", "read:users"], /no organization/],
    [["plan", "create", "--org", "no-such-org", "--service", "s", "--name", "n"], /no organization/],
  ])("%j fails with a clear message and exit code 2", async (argv, message) => {
    const r = await cli(...argv);
    expect([r.code, r.err.join("\n")]).toEqual([2, expect.stringMatching(message)]);
  });

  it("refuses bad permissions, types, providers and scopes naming the valid ones", async () => {
    const email = uniqueEmail("owner");
    await cli("user", "create", "--email", email, "--password", "correct horse battery");
    const org = uniqueSlug("o");
    await cli("org", "create", "--owner", email, "--slug", org, "--name", "O");
    expect((await cli("service", "create", "--org", org, "--slug", "svc1", "--name", "S", "--type", "tv")).err.join()).toMatch(/service_type: must be one of web, mobile, desktop, api/);
    expect((await cli("service", "create", "--org", org, "--slug", "svc1", "--name", "S", "--provider", "github=nope")).err.join()).toMatch(/nope not known for github/);
    await cli("service", "create", "--org", org, "--slug", "svc1", "--name", "S");
    expect((await cli("service", "create", "--org", org, "--slug", "svc1", "--name", "S")).err.join()).toMatch(/already exists/);
    expect((await cli("service-key", "create", "--org", org, "--service", "svc1", "--name", "n", "--permissions", "read:everything")).err.join()).toMatch(/Invalid permission: read:everything\. Valid permissions are: read:users/);
    expect((await cli("org", "create", "--owner", email, "--slug", org, "--name", "Again")).err.join()).toMatch(/already exists/);
  }, 120_000);
});
