/**
 * The AuthOS-compatible service API (/api/service/*) through the real route handlers and a
 * real database: authentication order and messages, every permission refusal, pagination
 * edges, AuthOS's status codes, the error body on every path, and isolation between
 * services and organizations (a foreign id answers exactly like an unknown one).
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { endUsers, orgAuditEvents, organizations, providerTokenRequests, serviceApiKeys, serviceGrants, subscriptions } from "@/db/schema";
import * as usersRoute from "@/app/api/service/users/route";
import * as userRoute from "@/app/api/service/users/[userId]/route";
import * as subsRoute from "@/app/api/service/subscriptions/route";
import * as subRoute from "@/app/api/service/subscriptions/[userId]/route";
import * as analyticsRoute from "@/app/api/service/analytics/route";
import * as infoRoute from "@/app/api/service/info/route";
import * as unknownRoute from "@/app/api/service/[...path]/route";
import { makeKey, makeUser, params, tamperedKey, testDb } from "@/lib/testing/fixtures";
import { makeOrg, makeService, makeServiceKey, makeServiceSetup, serviceRequest, uniqueSlug } from "@/lib/testing/org-fixtures";
import { setOrganizationStatus } from "@/lib/orgs/set-organization-status";
import { deleteServiceKey } from "@/lib/service-keys/manage-service-keys";
import { authenticateServiceKey } from "@/lib/service-keys/authenticate-service-key";
import { forgetServiceKey, SERVICE_KEY_CACHE_TTL_MS, SERVICE_KEY_RECHECK_AFTER_MS, serviceKeyRecheckSettled } from "@/lib/service-keys/service-key-cache";
import { createPlan } from "@/lib/services/manage-plans";
import { generateServiceKey } from "@/lib/service-keys/service-key-format";
import { randomBase62, randomId, sha256Hex } from "@/lib/crypto";
import { awayFromWindowEdge } from "@/lib/testing/rate-window";
import { checked } from "../support/openapi-check";

const users = checked(usersRoute);
const user = checked(userRoute);
const subs = checked(subsRoute);
const sub = checked(subRoute);
const analytics = checked(analyticsRoute);
const info = checked(infoRoute);
const unknown = checked(unknownRoute);

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

type Body = Record<string, unknown>;
async function read(res: Response): Promise<{ status: number; body: Body }> {
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Body) : {} };
}

function expectError(r: { status: number; body: Body }, status: number, code: string, message?: string | RegExp) {
  expect(r.status).toBe(status);
  expect(Object.keys(r.body).sort()).toEqual(["error", "error_code", "timestamp"]);
  expect(r.body.error_code).toBe(code);
  expect(r.body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
  if (message !== undefined) expect(r.body.error).toMatch(typeof message === "string" ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : message);
}

const email = () => `eu-${randomBase62(8).toLowerCase()}@example.test`;
async function createUser(key: string, address = email()) {
  const r = await read(await users.POST(serviceRequest("/api/service/users", key, { method: "POST", body: { email: address } })));
  return r.body as { id: string; email: string; created_at: string };
}

describe("X-Api-Key authentication (AuthOS's order and messages)", () => {
  it.each([
    ["no header", null, "Missing or invalid X-Api-Key header"],
    ["garbage", "nope", "Invalid API key format"],
    ["an AuthOS-shaped key", `sk_${"a".repeat(12)}_${"b".repeat(64)}`, "Invalid API key format"],
    ["a bad checksum", tamperedKey(generateServiceKey()), "Invalid API key format"],
    ["an unknown well-formed key", generateServiceKey(), "Invalid API key"],
  ])("%s → 401", async (_label, key, message) => {
    expectError(await read(await info.GET(serviceRequest("/api/service/info", key))), 401, "UNAUTHORIZED", message);
  });

  it("an agent key (akh_) is never a service key, and a service key is never an agent key", async () => {
    const person = await makeUser(db);
    const { key: agentKey } = await makeKey(db, person.id);
    expectError(await read(await info.GET(serviceRequest("/api/service/info", agentKey))), 401, "UNAUTHORIZED", "Invalid API key format");
    const { key } = await makeServiceSetup(db);
    const { GET: summary } = await import("@/app/ai/context/summary/route");
    const res = await summary(new Request("http://localhost:3000/ai/context/summary", { headers: { authorization: `Bearer ${key}` } }));
    expect(res.status).toBe(401);
  });

  it("expired key, suspended organization, deleted key → 401", async () => {
    const { org, service, key } = await makeServiceSetup(db);
    const expiring = await makeServiceKey(db, org, service, ["read:service"], 1);
    expect((await info.GET(serviceRequest("/api/service/info", expiring))).status).toBe(200);
    const { serviceApiKeys } = await import("@/db/schema");
    await db.update(serviceApiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(serviceApiKeys.keyHash, sha256Hex(expiring)));
    await forgetServiceKey((await db.select().from(serviceApiKeys).where(eq(serviceApiKeys.keyHash, sha256Hex(expiring))))[0]?.id ?? "");
    expectError(await read(await info.GET(serviceRequest("/api/service/info", expiring))), 401, "UNAUTHORIZED", "API key has expired");

    await setOrganizationStatus(db, org.slug, "suspended");
    expectError(await read(await info.GET(serviceRequest("/api/service/info", key))), 401, "UNAUTHORIZED", "API key organization is not active");
    await setOrganizationStatus(db, org.slug, "active");
    expect((await info.GET(serviceRequest("/api/service/info", key))).status).toBe(200);

    const [row] = await db.select().from(serviceApiKeys).where(eq(serviceApiKeys.keyHash, sha256Hex(key)));
    await deleteServiceKey(db, { orgId: org.id, userId: null }, service, row?.id ?? "");
    expectError(await read(await info.GET(serviceRequest("/api/service/info", key))), 401, "UNAUTHORIZED", "Invalid API key");
    const audit = await db.select().from(orgAuditEvents).where(and(eq(orgAuditEvents.orgId, org.id), eq(orgAuditEvents.action, "api_key.deleted")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.detail)).not.toContain(key);
  });
});

describe("service key cache and revocation bound", () => {
  const at = (t: Date, ms: number) => new Date(t.getTime() + ms);

  it("a key in use is renewed by one background re-check, one deleted elsewhere is dropped by it, and the bound holds", async () => {
    const { org, service, key: kept } = await makeServiceSetup(db);
    const dropped = await makeServiceKey(db, org, service, ["read:service"]);
    const t0 = new Date();
    const keptId = (await authenticateServiceKey(db, kept, t0)).keyId;
    const droppedId = (await authenticateServiceKey(db, dropped, t0)).keyId;
    // Another instance deletes one of them; both are used again, the second use past the re-check age.
    await db.delete(serviceApiKeys).where(eq(serviceApiKeys.id, droppedId));
    await expect(authenticateServiceKey(db, dropped, at(t0, 1))).resolves.toMatchObject({ keyId: droppedId });
    const t1 = at(t0, SERVICE_KEY_RECHECK_AFTER_MS);
    await expect(authenticateServiceKey(db, kept, t1)).resolves.toMatchObject({ keyId: keptId });
    await serviceKeyRecheckSettled();
    // The deleted one is gone before its TTL ran out; the other now counts from the re-check.
    await expect(authenticateServiceKey(db, dropped, at(t1, 1))).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Invalid API key" });
    await db.update(organizations).set({ status: "suspended" }).where(eq(organizations.id, org.id));
    await expect(authenticateServiceKey(db, kept, at(t0, SERVICE_KEY_CACHE_TTL_MS + 1))).resolves.toMatchObject({ keyId: keptId, orgActive: true });
    // The bound still holds: SERVICE_KEY_CACHE_TTL_MS after the database last confirmed it, the suspension is seen.
    await expect(authenticateServiceKey(db, kept, at(t1, SERVICE_KEY_CACHE_TTL_MS))).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "API key organization is not active" });
  });

  it("the re-check writes a busy key's last use, as a lookup does (at most once per 5 minutes)", async () => {
    const { key } = await makeServiceSetup(db);
    const t0 = new Date();
    const { keyId } = await authenticateServiceKey(db, key, t0);
    const lastUsed = async () => (await db.select().from(serviceApiKeys).where(eq(serviceApiKeys.id, keyId)))[0]?.lastUsedAt;
    await expect.poll(lastUsed, { timeout: 5000 }).toEqual(t0);
    const anHourAgo = at(t0, -3_600_000);
    await db.update(serviceApiKeys).set({ lastUsedAt: anHourAgo }).where(eq(serviceApiKeys.id, keyId));
    const t1 = at(t0, SERVICE_KEY_RECHECK_AFTER_MS);
    await authenticateServiceKey(db, key, t1);
    await serviceKeyRecheckSettled();
    expect(await lastUsed()).toEqual(t1);
  });
});

describe("permissions: each route refuses a key without its permission", () => {
  const id = "eu_doesnotmatter";
  const cases: [string, string, (key: string) => Promise<Response>][] = [
    ["read:users", "GET /users", (k) => users.GET(serviceRequest("/api/service/users", k))],
    ["write:users", "POST /users", (k) => users.POST(serviceRequest("/api/service/users", k, { method: "POST", body: { email: "a@b.c" } }))],
    ["read:users", "GET /users/:id", (k) => user.GET(serviceRequest(`/api/service/users/${id}`, k), params({ userId: id }))],
    ["write:users", "PATCH /users/:id", (k) => user.PATCH(serviceRequest(`/api/service/users/${id}`, k, { method: "PATCH", body: {} }), params({ userId: id }))],
    ["delete:users", "DELETE /users/:id", (k) => user.DELETE(serviceRequest(`/api/service/users/${id}`, k, { method: "DELETE" }), params({ userId: id }))],
    ["read:subscriptions", "GET /subscriptions", (k) => subs.GET(serviceRequest("/api/service/subscriptions", k))],
    ["write:subscriptions", "POST /subscriptions", (k) => subs.POST(serviceRequest("/api/service/subscriptions", k, { method: "POST", body: { user_id: id, plan_id: "p" } }))],
    ["read:subscriptions", "GET /subscriptions/:id", (k) => sub.GET(serviceRequest(`/api/service/subscriptions/${id}`, k), params({ userId: id }))],
    ["write:subscriptions", "PATCH /subscriptions/:id", (k) => sub.PATCH(serviceRequest(`/api/service/subscriptions/${id}`, k, { method: "PATCH", body: {} }), params({ userId: id }))],
    ["delete:subscriptions", "DELETE /subscriptions/:id", (k) => sub.DELETE(serviceRequest(`/api/service/subscriptions/${id}`, k, { method: "DELETE" }), params({ userId: id }))],
    ["read:analytics", "GET /analytics", (k) => analytics.GET(serviceRequest("/api/service/analytics", k))],
    ["read:service", "GET /info", (k) => info.GET(serviceRequest("/api/service/info", k))],
    ["write:service", "PATCH /info", (k) => info.PATCH(serviceRequest("/api/service/info", k, { method: "PATCH", body: { name: "x" } }))],
  ];
  it.each(cases)("%s is required by %s", async (permission, _route, call) => {
    const { org, service } = await makeServiceSetup(db);
    // Every other permission, including the neighbours that must not imply this one.
    const others = ["read:users", "write:users", "delete:users", "read:subscriptions", "write:subscriptions", "delete:subscriptions", "read:analytics", "read:service", "write:service", "read:provider_tokens"].filter((p) => p !== permission);
    const key = await makeServiceKey(db, org, service, others);
    expectError(await read(await call(key)), 403, "FORBIDDEN", `Missing required permission: ${permission}`);
    const allowed = await makeServiceKey(db, org, service, [permission]);
    expect((await call(allowed)).status).not.toBe(403);
  });
});

describe("users", () => {
  it("POST links (201 new, 200 already linked, case-insensitive), GET, PATCH, DELETE unlinks this service only", async () => {
    const { org, service, key, freePlanId } = await makeServiceSetup(db);
    const address = email();
    const created = await read(await users.POST(serviceRequest("/api/service/users", key, { method: "POST", body: { email: address, extra: "ignored" } })));
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(["created_at", "email", "id"]);
    const again = await read(await users.POST(serviceRequest("/api/service/users", key, { method: "POST", body: { email: address.toUpperCase() } })));
    expect(again).toEqual({ status: 200, body: created.body });
    const uid = String(created.body.id);

    // The same person in a second service of the org is the same user (201: newly linked there).
    const { service: other } = await makeService(db, org);
    const otherKey = await makeServiceKey(db, org, other);
    const there = await read(await users.POST(serviceRequest("/api/service/users", otherKey, { method: "POST", body: { email: address } })));
    expect([there.status, there.body.id]).toEqual([201, uid]);

    expect(await read(await user.GET(serviceRequest(`/api/service/users/${uid}`, key), params({ userId: uid })))).toEqual({ status: 200, body: created.body });
    expectError(await read(await user.PATCH(serviceRequest(`/api/service/users/${uid}`, key, { method: "PATCH", body: { email: "new@x.y" } }), params({ userId: uid }))), 403, "FORBIDDEN", "Service API keys cannot update organization user profile fields");
    expect(await read(await user.PATCH(serviceRequest(`/api/service/users/${uid}`, key, { method: "PATCH", body: {} }), params({ userId: uid })))).toEqual({ status: 200, body: created.body });

    // Unlink: subscription deleted, pending requests canceled, grants revoked; the other service keeps the user.
    await subs.POST(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: uid, plan_id: freePlanId } }));
    const state = randomBase62(20);
    await db.insert(providerTokenRequests).values({ id: randomId("ptr"), stateHash: sha256Hex(state), endUserId: uid, serviceId: service.id, provider: "github", redirectUri: "https://app.example/cb", expiresAt: new Date(Date.now() + 900_000) });
    await db.insert(serviceGrants).values({ id: randomId("grant"), endUserId: uid, serviceId: service.id, connectionId: "conn_x", provider: "github", scopes: ["repo"] });
    const deleted = await user.DELETE(serviceRequest(`/api/service/users/${uid}`, key, { method: "DELETE" }), params({ userId: uid }));
    expect([deleted.status, await deleted.text()]).toEqual([204, ""]);
    expectError(await read(await user.GET(serviceRequest(`/api/service/users/${uid}`, key), params({ userId: uid }))), 404, "NOT_FOUND", "User not found or has not authenticated with this service");
    expect(await db.select().from(subscriptions).where(eq(subscriptions.endUserId, uid))).toEqual([]);
    expect((await db.select().from(providerTokenRequests).where(eq(providerTokenRequests.endUserId, uid)))[0]?.status).toBe("canceled");
    expect((await db.select().from(serviceGrants).where(eq(serviceGrants.endUserId, uid)))[0]?.status).toBe("revoked");
    expect((await user.GET(serviceRequest(`/api/service/users/${uid}`, otherKey), params({ userId: uid }))).status).toBe(200);
    const actions = (await db.select().from(orgAuditEvents).where(eq(orgAuditEvents.serviceId, service.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["end_user.linked", "subscription.created", "provider_grant.revoked", "end_user.unlinked"]));
    // Deleting again: 404, as for any unlinked user.
    expect((await user.DELETE(serviceRequest(`/api/service/users/${uid}`, key, { method: "DELETE" }), params({ userId: uid }))).status).toBe(404);
  });

  it.each([
    ["malformed JSON", "{", "Request body is not valid JSON"],
    ["an empty body", "", /Request body is empty/],
    ["a wrong type", JSON.stringify({ email: 42 }), /email: expected string/],
    ["a missing field", JSON.stringify({}), /email: is required/],
    ["an address without @", JSON.stringify({ email: "nobody" }), "Invalid email format"],
  ])("POST with %s → 400 in the AuthOS body", async (_label, raw, message) => {
    const { key } = await makeServiceSetup(db);
    expectError(await read(await users.POST(serviceRequest("/api/service/users", key, { method: "POST", raw }))), 400, "BAD_REQUEST", message);
  });

  it("lists most recently linked first, with AuthOS's pagination (default 50, clamp 1..100, negative offset → 0)", async () => {
    const { key } = await makeServiceSetup(db);
    const made: string[] = [];
    for (let i = 0; i < 4; i++) made.push((await createUser(key)).id);
    const list = async (q: string) => read(await users.GET(serviceRequest(`/api/service/users${q}`, key)));
    const all = await list("");
    expect(all.body.total).toBe(4);
    expect((all.body.users as { id: string }[]).map((u) => u.id)).toEqual([...made].reverse());
    expect((await list("?limit=0")).body.users).toHaveLength(1);
    expect((await list("?limit=-3")).body.users).toHaveLength(1);
    expect((await list("?limit=1000")).body.users).toHaveLength(4);
    const page = await list("?limit=2&offset=1");
    expect([(page.body.users as { id: string }[]).map((u) => u.id), page.body.total]).toEqual([[made[2], made[1]], 4]);
    expect((await list("?offset=-10")).body.users).toHaveLength(4);
    expect((await list("?offset=99")).body).toEqual({ users: [], total: 4 });
    expectError(await list("?limit=ten"), 400, "BAD_REQUEST", /limit: expected an integer/);
  });

  it("the limit clamps at 100", async () => {
    const { org, service, key } = await makeServiceSetup(db);
    const rows = Array.from({ length: 105 }, () => ({ id: randomId("eu"), orgId: org.id, email: email() }));
    await db.insert(endUsers).values(rows);
    const { serviceEndUsers } = await import("@/db/schema");
    await db.insert(serviceEndUsers).values(rows.map((r) => ({ serviceId: service.id, endUserId: r.id })));
    const dflt = await read(await users.GET(serviceRequest("/api/service/users", key)));
    expect([(dflt.body.users as unknown[]).length, dflt.body.total]).toEqual([50, 105]);
    expect((await read(await users.GET(serviceRequest("/api/service/users?limit=101", key)))).body.users).toHaveLength(100);
  });
});

describe("subscriptions", () => {
  it("create (200, defaults), duplicate 409, get, list with status filter, patch, delete", async () => {
    const { org, service, key, freePlanId } = await makeServiceSetup(db);
    const u1 = await createUser(key);
    const u2 = await createUser(key);
    const pro = await createPlan(db, { orgId: org.id, userId: null }, service, { name: "pro", priceCents: 900, currency: "usd" });
    const before = Date.now();
    const s1 = await read(await subs.POST(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: u1.id, plan_id: freePlanId } })));
    expect(s1.status).toBe(200);
    expect(Object.keys(s1.body).sort()).toEqual(["current_period_end", "id", "plan_id", "plan_name", "status", "user_id"]);
    expect([s1.body.status, s1.body.plan_name, s1.body.user_id]).toEqual(["active", "free", u1.id]);
    const end = Date.parse(String(s1.body.current_period_end));
    expect(end).toBeGreaterThanOrEqual(before + 30 * 86_400_000 - 1000);

    expectError(await read(await subs.POST(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: u1.id, plan_id: pro.id } }))), 409, "DUPLICATE_CONSTRAINT");
    await subs.POST(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: u2.id, plan_id: pro.id, status: "cancelled", current_period_end: "2030-01-01T00:00:00Z" } }));

    const listed = await read(await subs.GET(serviceRequest("/api/service/subscriptions", key)));
    expect([listed.body.total, (listed.body.subscriptions as { user_id: string }[]).map((s) => s.user_id)]).toEqual([2, [u2.id, u1.id]]);
    const active = await read(await subs.GET(serviceRequest("/api/service/subscriptions?status=active&limit=1", key)));
    expect([active.body.total, (active.body.subscriptions as { user_id: string }[]).map((s) => s.user_id)]).toEqual([1, [u1.id]]);

    expect(await read(await sub.GET(serviceRequest(`/api/service/subscriptions/${u1.id}`, key), params({ userId: u1.id })))).toEqual({ status: 200, body: s1.body });
    const patched = await read(await sub.PATCH(serviceRequest(`/api/service/subscriptions/${u1.id}`, key, { method: "PATCH", body: { status: "past_due", current_period_end: "2031-05-01T10:00:00+02:00" } }), params({ userId: u1.id })));
    expect([patched.status, patched.body.status, patched.body.current_period_end]).toEqual([200, "past_due", "2031-05-01T08:00:00.000Z"]);
    expectError(await read(await sub.PATCH(serviceRequest(`/api/service/subscriptions/${u1.id}`, key, { method: "PATCH", body: { current_period_end: "tomorrow" } }), params({ userId: u1.id }))), 400, "BAD_REQUEST", /Invalid current_period_end/);

    expect((await sub.DELETE(serviceRequest(`/api/service/subscriptions/${u1.id}`, key, { method: "DELETE" }), params({ userId: u1.id }))).status).toBe(204);
    expectError(await read(await sub.GET(serviceRequest(`/api/service/subscriptions/${u1.id}`, key), params({ userId: u1.id }))), 404, "NOT_FOUND", "Subscription not found for this user");
    expectError(await read(await sub.DELETE(serviceRequest(`/api/service/subscriptions/${u1.id}`, key, { method: "DELETE" }), params({ userId: u1.id }))), 404, "NOT_FOUND", "Subscription not found for this user and service");
    expectError(await read(await sub.PATCH(serviceRequest(`/api/service/subscriptions/${u1.id}`, key, { method: "PATCH", body: { status: "x" } }), params({ userId: u1.id }))), 404, "NOT_FOUND", "Subscription not found for this user and service");
  });

  it("unknown plan and unlinked user → 404 (plan checked first, as AuthOS)", async () => {
    const { key, freePlanId } = await makeServiceSetup(db);
    const u = await createUser(key);
    expectError(await read(await subs.POST(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: "eu_nope", plan_id: "plan_nope" } }))), 404, "NOT_FOUND", "Plan not found");
    expectError(await read(await subs.POST(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: "eu_nope", plan_id: freePlanId } }))), 404, "NOT_FOUND", "User not found or has not authenticated with this service");
    expectError(await read(await subs.POST(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: u.id, plan_id: freePlanId, current_period_end: "2030-13-01" } }))), 400, "BAD_REQUEST", /Invalid current_period_end/);
    expectError(await read(await subs.POST(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: u.id, plan_id: 7 } }))), 400, "BAD_REQUEST", /plan_id: expected string/);
  });
});

describe("isolation: another service's or organization's ids read like unknown ids", () => {
  it("users, subscriptions, plans and analytics never cross services or orgs", async () => {
    const a = await makeServiceSetup(db);
    const { service: b } = await makeService(db, a.org);
    const bKey = await makeServiceKey(db, a.org, b);
    const other = await makeServiceSetup(db);
    const ua = await createUser(a.key);
    await subs.POST(serviceRequest("/api/service/subscriptions", a.key, { method: "POST", body: { user_id: ua.id, plan_id: a.freePlanId } }));

    for (const key of [bKey, other.key]) {
      const unknownUser = await read(await user.GET(serviceRequest("/api/service/users/eu_unknown", key), params({ userId: "eu_unknown" })));
      const foreignUser = await read(await user.GET(serviceRequest(`/api/service/users/${ua.id}`, key), params({ userId: ua.id })));
      expect(foreignUser.status).toBe(404);
      expect(foreignUser.body.error).toBe(unknownUser.body.error);
      expect((await user.DELETE(serviceRequest(`/api/service/users/${ua.id}`, key, { method: "DELETE" }), params({ userId: ua.id }))).status).toBe(404);
      const foreignSub = await read(await sub.GET(serviceRequest(`/api/service/subscriptions/${ua.id}`, key), params({ userId: ua.id })));
      expectError(foreignSub, 404, "NOT_FOUND", "Subscription not found for this user");
      // A plan of service A through another key: the same 404 as an unknown plan (AuthOS: 403, which confirms the id exists).
      expectError(await read(await subs.POST(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: ua.id, plan_id: a.freePlanId } }))), 404, "NOT_FOUND", "Plan not found");
      expect((await read(await users.GET(serviceRequest("/api/service/users", key)))).body.total).toBe(0);
      expect((await read(await subs.GET(serviceRequest("/api/service/subscriptions", key)))).body.total).toBe(0);
      const stats = await read(await analytics.GET(serviceRequest("/api/service/analytics", key)));
      expect([stats.body.total_users, stats.body.total_subscriptions]).toEqual([0, 0]);
    }
    // The same email in another org is another person.
    const there = await createUser(other.key, ua.email);
    expect(there.id).not.toBe(ua.id);
    // Service A still sees everything.
    expect((await read(await users.GET(serviceRequest("/api/service/users", a.key)))).body.total).toBe(1);
  });
});

describe("analytics and info", () => {
  it("AuthOS's five fields plus tokens issued and connections by provider", async () => {
    const { org, service, key, freePlanId } = await makeServiceSetup(db);
    const u1 = await createUser(key);
    const u2 = await createUser(key);
    await subs.POST(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: u1.id, plan_id: freePlanId } }));
    await subs.POST(serviceRequest("/api/service/subscriptions", key, { method: "POST", body: { user_id: u2.id, plan_id: freePlanId, status: "cancelled" } }));
    const completed = (userId: string, at: Date) => ({ id: randomId("ptr"), stateHash: sha256Hex(randomBase62(20)), endUserId: userId, serviceId: service.id, provider: "github", redirectUri: "https://x.example/cb", status: "completed" as const, completedAt: at, expiresAt: at });
    await db.insert(providerTokenRequests).values([completed(u1.id, new Date()), completed(u1.id, new Date()), completed(u2.id, new Date(Date.now() - 31 * 86_400_000))]);
    await db.insert(serviceGrants).values([
      { id: randomId("grant"), endUserId: u1.id, serviceId: service.id, connectionId: "c1", provider: "github" },
      { id: randomId("grant"), endUserId: u2.id, serviceId: service.id, connectionId: "c2", provider: "google" },
      { id: randomId("grant"), endUserId: u2.id, serviceId: service.id, connectionId: "c3", provider: "github", status: "revoked" },
    ]);
    await db.insert(orgAuditEvents).values({ orgId: org.id, serviceId: service.id, action: "provider_token.issued" });
    const r = await read(await analytics.GET(serviceRequest("/api/service/analytics", key)));
    expect(r).toEqual({
      status: 200,
      body: { total_users: 2, total_subscriptions: 2, active_subscriptions: 1, total_logins_30d: 2, unique_users_30d: 1, provider_tokens_issued_30d: 1, connections_by_provider: { github: 1, google: 1 } },
    });
  });

  it("GET and PATCH /info", async () => {
    const { service, key } = await makeServiceSetup(db);
    const got = await read(await info.GET(serviceRequest("/api/service/info", key)));
    expect(got).toEqual({ status: 200, body: { id: service.id, name: service.name, slug: service.slug, service_type: "web", created_at: service.createdAt.toISOString() } });
    expect(await read(await info.PATCH(serviceRequest("/api/service/info", key, { method: "PATCH", body: {} })))).toEqual(got);
    const renamed = await read(await info.PATCH(serviceRequest("/api/service/info", key, { method: "PATCH", body: { name: "Renamed" } })));
    expect(renamed.body.name).toBe("Renamed");
    expectError(await read(await info.PATCH(serviceRequest("/api/service/info", key, { method: "PATCH", body: { name: "  " } }))), 400, "BAD_REQUEST", /name: must not be empty/);
    expectError(await read(await info.PATCH(serviceRequest("/api/service/info", key, { method: "PATCH", body: { name: 5 } }))), 400, "BAD_REQUEST", /name: expected string/);
  });
});

describe("every other path answers in the AuthOS body", () => {
  it("unknown routes → 404, wrong methods → 405", async () => {
    const r = await read(await unknown.GET(new Request("http://localhost:3000/api/service/provider-tokenz")));
    expectError(r, 404, "NOT_FOUND", "No service API route GET /api/service/provider-tokenz");
    const { key } = await makeServiceSetup(db);
    const wrong = await info.POST(serviceRequest("/api/service/info", key, { method: "POST", body: {} }));
    expect(wrong.headers.get("allow")).toBe("GET, PATCH");
    expectError(await read(wrong), 405, "METHOD_NOT_ALLOWED");
  });

  it("a key over its per-minute limit gets 429 TOO_MANY_REQUESTS with Retry-After", async () => {
    const { org, service } = await makeServiceSetup(db);
    const key = await makeServiceKey(db, org, service, ["read:users"]);
    const { env } = await import("@/lib/env");
    await awayFromWindowEdge();
    let last: Response | undefined;
    for (let i = 0; i <= env().RATE_LIMIT_PER_MINUTE; i++) last = await info.GET(serviceRequest("/api/service/info", key));
    if (!last) throw new Error("no response");
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expectError(await read(last), 429, "TOO_MANY_REQUESTS", /Too many requests for this API key/);
  }, 90_000); // may wait up to 20 s for a fresh limiter window
});

it("a slug is unique per organization only", async () => {
  const { org } = await makeOrg(db);
  const slug = uniqueSlug("dup");
  await makeService(db, org, { slug });
  await expect(makeService(db, org, { slug })).rejects.toThrow("Service with this slug already exists in this organization");
  const { org: other } = await makeOrg(db);
  await expect(makeService(db, other, { slug })).resolves.toBeDefined();
});
