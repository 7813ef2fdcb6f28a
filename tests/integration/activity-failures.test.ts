/**
 * Refused and failed agent calls reach the owner's Activity through the real route handlers:
 * the code, the HTTP status and the very message the agent got, filterable by outcome. A
 * revoked key's refusal belongs to its owner; an unknown key's belongs to nobody.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { flushWrites } from "@/db/write-batcher";
import { auditEvents } from "@/db/schema";
import { GET as summary } from "@/app/ai/context/summary/route";
import { POST as createSession } from "@/app/oauth/sessions/route";
import { POST as fetchTokenRoute } from "@/app/tokens/fetch/route";
import { revokeApiKey } from "@/lib/api-keys";
import { resetFailureThrottle } from "@/lib/audit/record-agent-failure";
import { resetEnvCache } from "@/lib/env";
import { resetLimiter } from "@/lib/ratelimit";
import { makeKey, makeUser, request, testDb } from "@/lib/testing/fixtures";
import { callerFor } from "@/lib/testing/trpc-caller";
import { awayFromWindowEdge } from "@/lib/testing/rate-window";

let db: Db;
beforeAll(async () => {
  db = await testDb();
  for (const k of Object.keys(process.env)) if (k.startsWith("OAUTH_GOOGLE_")) delete process.env[k];
  resetEnvCache();
});
afterEach(() => {
  delete process.env.RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
  resetLimiter();
  resetFailureThrottle();
});

const post = (key: string, path: string, body: unknown) =>
  request(path, { method: "POST", key, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function agent(opts: { providers?: string[] } = {}) {
  const user = await makeUser(db);
  const made = await makeKey(db, user.id, opts);
  return { user, key: made.key, keyId: made.row.id };
}

/** Rows are queued after the response (a microtask or two later): let them queue, then write them. */
async function settle() {
  await new Promise((resolve) => setImmediate(resolve));
  await flushWrites();
}

/** The user's Activity as the dashboard reads it (tRPC), failures only. */
async function failures(userId: string) {
  await settle();
  return (await callerFor(db, userId).activity.list({ outcome: "failure" })).items;
}

async function messageOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe("refused agent calls in Activity", () => {
  it.each([
    ["404 not connected", () => post("", "/tokens/fetch", { provider: "openai" }), fetchTokenRoute, 404, "INTEGRATION_NOT_FOUND", "token.fetch", "openai"],
    ["503 not configured", () => post("", "/oauth/sessions", { provider: "google" }), createSession, 503, "PROVIDER_NOT_CONFIGURED", "session.create", "google"],
    ["400 bad body", () => post("", "/tokens/fetch", { provider: 42 }), fetchTokenRoute, 400, "INVALID_REQUEST", "token.fetch", null],
  ] as const)("%s: code, status and the agent's message, attributed to the key", async (_name, build, route, status, code, action, provider) => {
    const a = await agent();
    const req = build();
    req.headers.set("authorization", `Bearer ${a.key}`);
    const res = await route(req);
    expect(res.status).toBe(status);
    const told = await messageOf(res);
    const [row, ...rest] = await failures(a.user.id);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ action, outcome: "failure", provider, key: { id: a.keyId }, detail: { error: code, status, message: told.message } });
  });

  it("403 allow-list: the refusal is recorded with the provider the key may not use", async () => {
    const a = await agent({ providers: ["openai"] });
    const res = await fetchTokenRoute(post(a.key, "/tokens/fetch", { provider: "stripe" }));
    expect(res.status).toBe(403);
    const [row] = await failures(a.user.id);
    expect(row).toMatchObject({ action: "token.fetch", provider: "stripe", detail: { error: "FORBIDDEN", status: 403, message: (await messageOf(res)).message } });
  });

  it("401 for a revoked key goes to its owner; an unknown key's goes nowhere", async () => {
    const a = await agent();
    await revokeApiKey(db, a.keyId, a.user.id);
    const res = await summary(request("/ai/context/summary", { key: a.key }));
    expect(res.status).toBe(401);
    const rows = await failures(a.user.id);
    expect(rows.map((r) => [r.action, r.detail.error, r.detail.status, r.detail.message, r.key?.id])).toEqual([
      ["context.read", "UNAUTHORIZED", 401, "This API key was revoked. Ask your human for a new key.", a.keyId],
    ]);

    const before = (await db.select().from(auditEvents)).length;
    const unknown = `akh_${"A".repeat(40)}`;
    expect((await summary(request("/ai/context/summary", { key: unknown }))).status).toBe(401);
    await settle();
    expect((await db.select().from(auditEvents)).length).toBe(before);
  });

  it("429: one row per key per throttle window however many refusals, with Retry-After's message", async () => {
    process.env.RATE_LIMIT_PER_MINUTE = "2";
    resetEnvCache();
    resetLimiter();
    const a = await agent();
    await awayFromWindowEdge();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await summary(request("/ai/context/summary", { key: a.key }))).status);
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    const rows = await failures(a.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.detail).toMatchObject({ error: "RATE_LIMITED", status: 429, call: "GET /ai/context/summary" });
    expect(rows[0]?.detail.message).toMatch(/^Too many requests for this key/);
  }, 90_000); // may wait up to 20 s for a fresh limiter window

  it("the outcome filter separates successes from failures; nothing secret is stored", async () => {
    const a = await agent();
    await fetchTokenRoute(post(a.key, "/tokens/fetch", { provider: "openai" }));
    await settle();
    const all = (await callerFor(db, a.user.id).activity.list({})).items;
    const ok = (await callerFor(db, a.user.id).activity.list({ outcome: "success" })).items;
    const failed = (await callerFor(db, a.user.id).activity.list({ outcome: "failure" })).items;
    expect(all.length).toBe(ok.length + failed.length);
    expect(ok.every((e) => e.outcome === "success")).toBe(true);
    expect(failed.map((e) => [e.action, e.outcome])).toEqual([["token.fetch", "failure"]]);
    const raw = await db.select().from(auditEvents).where(eq(auditEvents.userId, a.user.id));
    expect(JSON.stringify(raw)).not.toContain(a.key);
  });
});
