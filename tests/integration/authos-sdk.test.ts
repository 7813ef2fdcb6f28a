/**
 * A backend written against the AuthOS SDK works against Akhrot by changing only baseURL and
 * the key: the SDK's 14 serviceApi calls (reproduced request for request in
 * tests/support/authos-sdk-client.ts) over real HTTP against the real route handlers, and
 * the exact requests the server received.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { tamperedKey, testDb } from "@/lib/testing/fixtures";
import { makeServiceSetup } from "@/lib/testing/org-fixtures";
import { serviceApiClient, SsoApiError } from "../support/authos-sdk-client";
import { startServiceApiServer, type Recorded } from "../support/service-api-server";

let db: Db;
let server: Awaited<ReturnType<typeof startServiceApiServer>>;
beforeAll(async () => {
  db = await testDb();
  server = await startServiceApiServer();
});
afterAll(async () => server.close());
// Every answer the SDK received is the one /openapi.json documents.
afterEach(() => expect(server.violations.splice(0)).toEqual([]));

async function sdkError(p: Promise<unknown>): Promise<SsoApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SsoApiError) return e;
    throw e;
  }
  throw new Error("expected an SsoApiError");
}

const last = (): Recorded => {
  const r = server.recorded.at(-1);
  if (!r) throw new Error("no request recorded");
  return r;
};

describe("the AuthOS SDK's serviceApi against Akhrot", () => {
  it("runs all 14 methods", async () => {
    const { key, freePlanId, service } = await makeServiceSetup(db);
    const api = serviceApiClient(`${server.base}/`, key);

    const created = await api.createUser({ email: "ada@example.test" });
    expect(last()).toMatchObject({ method: "POST", url: "/api/service/users", body: '{"email":"ada@example.test"}' });
    expect(last().headers["content-type"]).toBe("application/json");
    expect(last().headers["x-api-key"]).toBe(key);
    expect(created).toEqual({ id: expect.stringMatching(/^eu_/), email: "ada@example.test", created_at: expect.any(String) });
    expect(await api.createUser({ email: "ada@example.test" })).toEqual(created);
    const grace = await api.createUser({ email: "grace@example.test" });

    expect(await api.listUsers()).toEqual({ users: [grace, created], total: 2 });
    expect(last().url).toBe("/api/service/users");
    // Query parameters only when truthy: offset 0 is not sent.
    expect((await api.listUsers({ limit: 1, offset: 0 })).users).toEqual([grace]);
    expect(last().url).toBe("/api/service/users?limit=1");
    expect((await api.listUsers({ limit: 1, offset: 1 })).users).toEqual([created]);
    expect(last().url).toBe("/api/service/users?limit=1&offset=1");

    expect(await api.getUser(created.id)).toEqual(created);
    expect(await api.updateUser(created.id, {})).toEqual(created);
    expect(last()).toMatchObject({ method: "PATCH", body: "{}" });
    const refused = await sdkError(api.updateUser(created.id, { email: "new@example.test" }));
    expect([refused.statusCode, refused.errorCode, refused.message, refused.isForbidden()]).toEqual([403, "FORBIDDEN", "Service API keys cannot update organization user profile fields", true]);

    const subscription = await api.createSubscription({ user_id: created.id, plan_id: freePlanId, status: "active" });
    expect(subscription).toMatchObject({ user_id: created.id, plan_id: freePlanId, plan_name: "free", status: "active" });
    expect(await api.getSubscription(created.id)).toEqual(subscription);
    const updated = await api.updateSubscription(created.id, { status: "cancelled" });
    expect(updated.status).toBe("cancelled");
    expect(await api.listSubscriptions({ limit: 10 })).toEqual({ subscriptions: [updated], total: 1 });
    expect(last().url).toBe("/api/service/subscriptions?limit=10");
    const dup = await sdkError(api.createSubscription({ user_id: created.id, plan_id: freePlanId }));
    expect([dup.statusCode, dup.errorCode]).toEqual([409, "DUPLICATE_CONSTRAINT"]);

    expect(await api.getAnalytics()).toMatchObject({ total_users: 2, total_subscriptions: 1, active_subscriptions: 0, total_logins_30d: 0, unique_users_30d: 0 });
    expect(await api.getServiceInfo()).toEqual({ id: service.id, name: service.name, slug: service.slug, service_type: "web", created_at: service.createdAt.toISOString() });
    expect((await api.updateServiceInfo({ name: "Renamed by SDK" })).name).toBe("Renamed by SDK");

    // deleteSubscription / deleteUser resolve on 204 with no body; the SDK sends no body either.
    await expect(api.deleteSubscription(created.id)).resolves.toBeUndefined();
    expect(last()).toMatchObject({ method: "DELETE", url: `/api/service/subscriptions/${created.id}`, body: "" });
    await expect(api.deleteUser(created.id)).resolves.toBeUndefined();
    const gone = await sdkError(api.getUser(created.id));
    expect([gone.statusCode, gone.errorCode, gone.isNotFound()]).toEqual([404, "NOT_FOUND", true]);

    // The SDK's bytes (scopes ?? []); the service has no GitHub allow-list, so AuthOS's 403 (the full flow: provider-tokens.test.ts).
    const refusedToken = await sdkError(api.requestProviderToken({ user_id: grace.id, provider: "github" }));
    expect(last()).toMatchObject({ method: "POST", url: "/api/service/provider-tokens", body: `{"user_id":"${grace.id}","provider":"github","scopes":[]}` });
    expect([refusedToken.statusCode, refusedToken.errorCode, refusedToken.message]).toEqual([403, "FORBIDDEN", "Service does not have github scopes configured"]);
    expect(refusedToken.timestamp).toMatch(/\+00:00$/);
  });

  it("every error reaches the SDK as {error, error_code, timestamp}, never UNKNOWN_ERROR", async () => {
    const { key } = await makeServiceSetup(db);
    const bad = await sdkError(serviceApiClient(server.base, tamperedKey(key)).getServiceInfo());
    expect([bad.statusCode, bad.errorCode, bad.message, bad.isAuthError()]).toEqual([401, "UNAUTHORIZED", "Invalid API key format", true]);
    const none = await sdkError(serviceApiClient(server.base, "").listUsers());
    expect([none.statusCode, none.message]).toEqual([401, "Missing or invalid X-Api-Key header"]);
    const api = serviceApiClient(server.base, key);
    const malformed = await sdkError(api.createUser({ email: 7 } as unknown as { email: string }));
    expect([malformed.statusCode, malformed.errorCode, malformed.message]).toEqual([400, "BAD_REQUEST", "Invalid request: email: expected string, got number"]);
  });
});
