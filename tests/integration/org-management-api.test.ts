/**
 * Organization management REST at AuthOS's paths (/api/organizations/:org_slug/services…),
 * through the real route handlers and database. The Auth.js session is the one stand-in:
 * `auth()` answers the user this test names (the cookie itself is covered by e2e).
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { insertMember } from "@/db/queries/orgs";
import { auditEvents, endUsers, orgAuditEvents, organizations, serviceApiKeys, services as servicesTable } from "@/db/schema";
import * as orgRouteModule from "@/app/api/organizations/[orgSlug]/route";
import * as servicesRoute from "@/app/api/organizations/[orgSlug]/services/route";
import * as serviceRoute from "@/app/api/organizations/[orgSlug]/services/[serviceSlug]/route";
import * as plansRoute from "@/app/api/organizations/[orgSlug]/services/[serviceSlug]/plans/route";
import * as planRoute from "@/app/api/organizations/[orgSlug]/services/[serviceSlug]/plans/[planId]/route";
import * as keysRoute from "@/app/api/organizations/[orgSlug]/services/[serviceSlug]/api-keys/route";
import * as keyRouteRoute from "@/app/api/organizations/[orgSlug]/services/[serviceSlug]/api-keys/[apiKeyId]/route";
import * as infoRoute from "@/app/api/service/info/route";
import { makeUser, params, testDb } from "@/lib/testing/fixtures";
import { makeOrg, serviceRequest, uniqueSlug } from "@/lib/testing/org-fixtures";
import { setOrganizationStatus } from "@/lib/orgs/set-organization-status";
import { checked } from "../support/openapi-check";

const orgRoute = checked(orgRouteModule, "/api/organizations/{org_slug}");
const services = checked(servicesRoute, "/api/organizations/{org_slug}/services");
const service = checked(serviceRoute, "/api/organizations/{org_slug}/services/{service_slug}");
const plans = checked(plansRoute, "/api/organizations/{org_slug}/services/{service_slug}/plans");
const plan = checked(planRoute, "/api/organizations/{org_slug}/services/{service_slug}/plans/{plan_id}");
const keys = checked(keysRoute, "/api/organizations/{org_slug}/services/{service_slug}/api-keys");
const keyRoute = checked(keyRouteRoute, "/api/organizations/{org_slug}/services/{service_slug}/api-keys/{api_key_id}");
const info = checked(infoRoute);

const session: { userId: string | null } = { userId: null };
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId }, expires: "2999-01-01T00:00:00.000Z" } : null) }));

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

type Body = Record<string, unknown>;
async function read(res: Response) {
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Body };
}
function req(path: string, method = "GET", body?: unknown, headers: Record<string, string> = {}) {
  return new Request(`http://localhost:3000${path}`, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function team() {
  const { org, ownerId } = await makeOrg(db);
  const admin = await makeUser(db);
  const member = await makeUser(db);
  const outsider = await makeUser(db);
  await insertMember(db, { orgId: org.id, userId: admin.id, role: "admin" });
  await insertMember(db, { orgId: org.id, userId: member.id, role: "member" });
  return { org, ownerId, adminId: admin.id, memberId: member.id, outsiderId: outsider.id };
}

describe("services, plans and keys at AuthOS's paths", () => {
  it("an admin creates a service (default free plan), plans and a key shown once; members read; outsiders get 404", async () => {
    const t = await team();
    const o = { orgSlug: t.org.slug };
    session.userId = t.adminId;
    const slug = uniqueSlug("svc");
    const created = await read(await services.POST(req(`/api/organizations/${t.org.slug}/services`, "POST", { slug, name: "Web app", service_type: "web", redirect_uris: ["https://app.example/cb", "http://localhost:5173/cb"], github_scopes: ["repo"], providers: [{ provider: "google", scopes: ["openid"] }] }), params(o)));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug, name: "Web app", service_type: "web", redirect_uris: ["https://app.example/cb", "http://localhost:5173/cb"] });
    expect(created.body.providers).toEqual([{ provider: "github", enabled: true, scopes: ["repo"] }, { provider: "google", enabled: true, scopes: ["openid"] }]);
    const s = { ...o, serviceSlug: slug };

    const planList = await read(await plans.GET(req("/x"), params(s)));
    expect(planList.body).toMatchObject({ total: 1, plans: [{ name: "free", price_cents: 0, currency: "usd", is_default: true }] });
    const pro = await read(await plans.POST(req("/x", "POST", { name: "pro", price_cents: 1500, currency: "usd", features: ["sso"] }), params(s)));
    expect(pro.status).toBe(201);
    const proId = String(pro.body.id);
    expect((await read(await plan.PATCH(req("/x", "PATCH", { is_default: true }), params({ ...s, planId: proId })))).body.is_default).toBe(true);
    expect((await read(await plans.GET(req("/x"), params(s)))).body.plans).toMatchObject([{ name: "free", is_default: false }, { name: "pro", is_default: true }]);
    expect((await read(await plans.POST(req("/x", "POST", { name: "pro", price_cents: 1, currency: "usd" }), params(s)))).body.error_code).toBe("DUPLICATE_CONSTRAINT");

    const minted = await read(await keys.POST(req("/x", "POST", { name: "backend", permissions: ["read:service", "read:provider_tokens:github"], expires_in_days: 30 }), params(s)));
    expect(minted.status).toBe(201);
    expect(Object.keys(minted.body).sort()).toEqual(["created_at", "created_by", "expires_at", "id", "key", "name", "permissions", "prefix", "service_id"]);
    const key = String(minted.body.key);
    expect(key).toMatch(/^aks_[0-9A-Za-z]{49}$/);
    expect(minted.body.prefix).toBe(key.slice(0, 12));
    expect(minted.body.created_by).toBe(t.adminId);
    expect((await info.GET(serviceRequest("/api/service/info", key))).status).toBe(200);

    // A member reads everything but the key, and manages nothing.
    session.userId = t.memberId;
    const list = await read(await keys.GET(req("/x"), params(s)));
    expect(list.body.total).toBe(1);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(Object.keys((list.body.api_keys as Body[])[0] ?? {}).sort()).toEqual(["created_at", "created_by", "expires_at", "id", "last_used_at", "name", "permissions", "prefix", "service_id"]);
    const keyId = String(minted.body.id);
    expect((await keyRoute.GET(req("/x"), params({ ...s, apiKeyId: keyId }))).status).toBe(200);
    expect((await read(await services.GET(req("/x"), params(o)))).body.total).toBe(1);
    for (const [call, message] of [
      [() => keys.POST(req("/x", "POST", { name: "n", permissions: ["read:users"] }), params(s)), "Insufficient permissions to manage API keys for this service"],
      [() => keyRoute.DELETE(req("/x", "DELETE"), params({ ...s, apiKeyId: keyId })), "Insufficient permissions to delete API keys for this service"],
      [() => services.POST(req("/x", "POST", { slug: uniqueSlug(), name: "n", service_type: "api" }), params(o)), "Insufficient permissions to manage services"],
      [() => service.PATCH(req("/x", "PATCH", { name: "n" }), params(s)), "Insufficient permissions to manage services"],
      [() => service.DELETE(req("/x", "DELETE"), params(s)), "Insufficient permissions to manage services"],
      [() => plans.POST(req("/x", "POST", { name: "n", price_cents: 0, currency: "usd" }), params(s)), "Insufficient permissions to manage plans for this service"],
      [() => plan.DELETE(req("/x", "DELETE"), params({ ...s, planId: proId })), "Insufficient permissions to manage plans for this service"],
    ] as const) {
      expect(await read(await call())).toMatchObject({ status: 403, body: { error_code: "FORBIDDEN", error: message } });
    }

    // An outsider sees the org exactly as an unknown slug.
    session.userId = t.outsiderId;
    const foreign = await read(await keys.GET(req("/x"), params(s)));
    const unknown = await read(await keys.GET(req("/x"), params({ ...s, orgSlug: "no-such-org" })));
    expect([foreign.status, foreign.body.error]).toEqual([404, "Organization not found"]);
    expect(unknown.body.error).toBe(foreign.body.error);

    // Delete the key: 204, audited, and it stops working.
    session.userId = t.ownerId;
    expect((await keyRoute.DELETE(req("/x", "DELETE"), params({ ...s, apiKeyId: keyId }))).status).toBe(204);
    expect((await info.GET(serviceRequest("/api/service/info", key))).status).toBe(401);
    expect((await read(await keyRoute.GET(req("/x"), params({ ...s, apiKeyId: keyId })))).body.error).toBe("API key not found");
    const audit = (await db.select().from(orgAuditEvents).where(and(eq(orgAuditEvents.orgId, t.org.id)))).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(["organization.created", "service.created", "plan.created", "api_key.created", "api_key.deleted"]));
  });

  it.each([
    [{ name: "k", permissions: [] }, "At least one permission is required"],
    [{ name: "k", permissions: ["read:users", "admin:everything"] }, /^Invalid permission: admin:everything\. Valid permissions are: read:users, write:users, .*read:provider_tokens:<provider>$/],
    [{ name: " ", permissions: ["read:users"] }, "name: must not be empty"],
    [{ name: "k", permissions: ["read:users"], expires_in_days: 0 }, /expires_in_days/],
    [{ name: "k", permissions: "read:users" }, /permissions: expected array/],
  ])("key create refuses %j with 400", async (body, message) => {
    const t = await team();
    session.userId = t.ownerId;
    const slug = uniqueSlug();
    await services.POST(req("/x", "POST", { slug, name: "S", service_type: "api" }), params({ orgSlug: t.org.slug }));
    const r = await read(await keys.POST(req("/x", "POST", body), params({ orgSlug: t.org.slug, serviceSlug: slug })));
    expect(r.status).toBe(400);
    expect(r.body.error_code).toBe("BAD_REQUEST");
    if (typeof message === "string") expect(r.body.error).toBe(message);
    else expect(r.body.error).toMatch(message);
  });

  it.each([
    [{ slug: "Bad Slug", name: "n", service_type: "web" }, /^slug: must be/],
    [{ slug: "ok-slug", name: "n", service_type: "tv" }, /service_type/],
    [{ slug: "ok-slug", name: "n", service_type: "web", redirect_uris: ["http://app.example/cb"] }, /must use https/],
    [{ slug: "ok-slug", name: "n", service_type: "web", providers: [{ provider: "myspace" }] }, /not a provider code/],
    [{ slug: "ok-slug", name: "n", service_type: "web", providers: [{ provider: "github", scopes: ["root"] }] }, /root not known for github; valid scopes are: /],
    [{ slug: "ok-slug", name: "n", service_type: "web", providers: [{ provider: "openai", scopes: ["x"] }] }, /uses an API key and takes no scopes/],
  ])("service create refuses %j with 400", async (body, message) => {
    const t = await team();
    session.userId = t.ownerId;
    const r = await read(await services.POST(req("/x", "POST", body), params({ orgSlug: t.org.slug })));
    expect([r.status, r.body.error_code]).toEqual([400, "BAD_REQUEST"]);
    expect(r.body.error).toMatch(message);
  });

  it("no session → 401; cross-site mutation → 403; suspended org → 403; duplicate slug → 409", async () => {
    const t = await team();
    session.userId = null;
    expect(await read(await services.GET(req("/x"), params({ orgSlug: t.org.slug })))).toMatchObject({ status: 401, body: { error_code: "UNAUTHORIZED" } });
    session.userId = t.ownerId;
    const cross = await read(await services.POST(req("/x", "POST", { slug: "a-b", name: "n", service_type: "web" }, { origin: "https://evil.example" }), params({ orgSlug: t.org.slug })));
    expect(cross).toMatchObject({ status: 403, body: { error: "Cross-site request refused" } });
    const slug = uniqueSlug();
    expect((await services.POST(req("/x", "POST", { slug, name: "n", service_type: "web" }, { origin: "http://localhost:3000" }), params({ orgSlug: t.org.slug }))).status).toBe(201);
    expect((await read(await services.POST(req("/x", "POST", { slug, name: "n", service_type: "web" }), params({ orgSlug: t.org.slug })))).body.error_code).toBe("DUPLICATE_CONSTRAINT");
    await setOrganizationStatus(db, t.org.slug, "suspended");
    expect(await read(await services.GET(req("/x"), params({ orgSlug: t.org.slug })))).toMatchObject({ status: 403, body: { error: "Organization is not active" } });
  });

  it("a plan in use cannot be deleted; PATCH a service's redirect URIs and providers", async () => {
    const t = await team();
    session.userId = t.ownerId;
    const slug = uniqueSlug();
    const s = { orgSlug: t.org.slug, serviceSlug: slug };
    await services.POST(req("/x", "POST", { slug, name: "n", service_type: "web" }), params({ orgSlug: t.org.slug }));
    const patched = await read(await service.PATCH(req("/x", "PATCH", { name: "Renamed", redirect_uris: ["https://a.example/cb"], providers: [{ provider: "github", enabled: false, scopes: ["repo", "read:user"] }] }), params(s)));
    expect(patched.body).toMatchObject({ name: "Renamed", redirect_uris: ["https://a.example/cb"], providers: [{ provider: "github", enabled: false, scopes: ["repo", "read:user"] }] });
    const free = ((await read(await plans.GET(req("/x"), params(s)))).body.plans as Body[])[0];
    const minted = await read(await keys.POST(req("/x", "POST", { name: "k", permissions: ["write:users", "write:subscriptions"] }), params(s)));
    const { POST: createUser } = await import("@/app/api/service/users/route");
    const { POST: createSub } = await import("@/app/api/service/subscriptions/route");
    const u = await read(await createUser(serviceRequest("/api/service/users", String(minted.body.key), { method: "POST", body: { email: "p@example.test" } })));
    await createSub(serviceRequest("/api/service/subscriptions", String(minted.body.key), { method: "POST", body: { user_id: u.body.id, plan_id: free?.id } }));
    expect(await read(await plan.DELETE(req("/x", "DELETE"), params({ ...s, planId: String(free?.id) })))).toMatchObject({ status: 400, body: { error: "Plan has subscriptions; move or delete them first" } });
    expect((await service.DELETE(req("/x", "DELETE"), params(s))).status).toBe(204);
    expect((await read(await service.GET(req("/x"), params(s)))).body.error).toBe("Service not found");
  });
});

describe("the organization itself: GET for members, DELETE for owners", () => {
  it("members read the org; a non-member gets 404; a member (read-only) and an admin cannot delete it", async () => {
    const t = await team();
    const o = params({ orgSlug: t.org.slug });
    session.userId = t.memberId;
    const got = await read(await orgRoute.GET(req("/x"), o));
    expect(got).toMatchObject({ status: 200, body: { id: t.org.id, slug: t.org.slug, name: "Test Org", status: "active", role: "member", member_count: 3, service_count: 0 } });
    expect(String(got.body.created_at)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    session.userId = t.outsiderId;
    expect(await read(await orgRoute.GET(req("/x"), o))).toMatchObject({ status: 404, body: { error: "Organization not found", error_code: "NOT_FOUND" } });
    expect(await read(await orgRoute.DELETE(req(`/x?confirm=${t.org.slug}`, "DELETE"), o))).toMatchObject({ status: 404, body: { error_code: "NOT_FOUND" } });
    for (const id of [t.memberId, t.adminId]) {
      session.userId = id;
      expect(await read(await orgRoute.DELETE(req(`/x?confirm=${t.org.slug}`, "DELETE"), o))).toMatchObject({ status: 403, body: { error: "Only an owner can delete the organization", error_code: "FORBIDDEN" } });
    }
    session.userId = null;
    expect((await orgRoute.GET(req("/x"), o)).status).toBe(401);
    expect(await db.select().from(organizations).where(eq(organizations.id, t.org.id))).toHaveLength(1);
  });

  it("an owner deletes it (slug typed, same origin): services, keys and end users cascade, keys answer 401, the owner's Activity keeps it", async () => {
    const t = await team();
    const o = params({ orgSlug: t.org.slug });
    session.userId = t.ownerId;
    const slug = uniqueSlug();
    await services.POST(req("/x", "POST", { slug, name: "n", service_type: "web" }), o);
    const minted = await read(await keys.POST(req("/x", "POST", { name: "k", permissions: ["write:users", "read:service"] }), params({ orgSlug: t.org.slug, serviceSlug: slug })));
    const key = String(minted.body.key);
    const { POST: createUser } = await import("@/app/api/service/users/route");
    expect((await createUser(serviceRequest("/api/service/users", key, { method: "POST", body: { email: "gone@example.test" } }))).status).toBe(201);
    expect((await info.GET(serviceRequest("/api/service/info", key))).status).toBe(200);

    expect(await read(await orgRoute.DELETE(req("/x", "DELETE"), o))).toMatchObject({ status: 400, body: { error_code: "BAD_REQUEST" } });
    expect(await read(await orgRoute.DELETE(req(`/x?confirm=${t.org.slug}`, "DELETE", undefined, { origin: "https://evil.example" }), o))).toMatchObject({ status: 403, body: { error: "Cross-site request refused" } });
    const deleted = await orgRoute.DELETE(req(`/x?confirm=${t.org.slug}`, "DELETE", undefined, { origin: "http://localhost:3000" }), o);
    expect(deleted.status).toBe(204);

    expect(await db.select().from(organizations).where(eq(organizations.id, t.org.id))).toEqual([]);
    expect(await db.select().from(servicesTable).where(eq(servicesTable.orgId, t.org.id))).toEqual([]);
    expect(await db.select().from(serviceApiKeys).where(eq(serviceApiKeys.id, String(minted.body.id)))).toEqual([]);
    expect(await db.select().from(endUsers).where(eq(endUsers.orgId, t.org.id))).toEqual([]);
    expect(await read(await info.GET(serviceRequest("/api/service/info", key)))).toMatchObject({ status: 401, body: { error: "Invalid API key" } });
    expect((await orgRoute.GET(req("/x"), o)).status).toBe(404);
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.userId, t.ownerId), eq(auditEvents.action, "organization.delete")));
    expect(event?.detail).toMatchObject({ org_id: t.org.id, slug: t.org.slug, services: 1 });
  });
});
