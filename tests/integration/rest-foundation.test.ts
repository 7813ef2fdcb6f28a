/**
 * The REST foundation through the real route handlers and the real database:
 * every 401 path, 400 bodies, 429 with headers, last-used recording, /ai/skill without auth.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { apiKeys } from "@/db/schema";
import * as skillRoute from "@/app/ai/skill/route";
import * as summaryRoute from "@/app/ai/context/summary/route";
import { authenticateApiKey, generateApiKey, revokeApiKey } from "@/lib/api-keys";
import { KEY_CACHE_TTL_MS, keyRecheckSettled, RECHECK_AFTER_MS } from "@/lib/api-keys/key-cache";
import { readJson } from "@/lib/api/read-json";
import { ApiError } from "@/lib/api/errors";
import { resetEnvCache } from "@/lib/env";
import { resetLimiter } from "@/lib/ratelimit";
import { makeKey, makeUser, request, setKeyExpiry, testDb } from "@/lib/testing/fixtures";
import { z } from "zod";
import { awayFromWindowEdge } from "@/lib/testing/rate-window";
import { checked } from "../support/openapi-check";

const { GET: skill } = checked(skillRoute);
const { GET: summary } = checked(summaryRoute);

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterEach(() => {
  delete process.env.RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
  resetLimiter();
});

async function envelope(res: Response) {
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  return (await res.json()) as { error: { code: string; message: string } };
}

describe("agent authentication on GET /ai/context/summary", () => {
  it("answers 200 markdown for a valid key, with rate-limit headers", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    const before = Date.now();
    const res = await summary(request("/ai/context/summary", { key }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("x-ratelimit-limit")).toBe("120");
    expect(Number(res.headers.get("x-ratelimit-remaining"))).toBe(119);
    // The end of the window the request fell in: never before the request (a slow machine may be past it now).
    expect(Number(res.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(Math.floor(before / 1000));
    expect(await res.text()).toMatch(/google/);
  });

  it("records last_used_at without blocking the response", async () => {
    const user = await makeUser(db);
    const { key, row } = await makeKey(db, user.id);
    await summary(request("/ai/context/summary", { key }));
    await expect.poll(async () => (await db.select().from(apiKeys).where(eq(apiKeys.id, row.id)))[0]?.lastUsedAt, { timeout: 5000 }).toBeInstanceOf(Date);
  });

  const wellFormedUnknown = generateApiKey();
  it.each([
    ["no header", undefined, /Missing API key/],
    ["lower-case scheme (accepted: RFC 6750), unknown key", `bearer ${wellFormedUnknown}`, /Unknown API key/],
    ["Token scheme", `Token ${wellFormedUnknown}`, /Malformed Authorization header/],
    ["garbage key", "Bearer hello", /Malformed API key/],
    ["unknown key", `Bearer ${wellFormedUnknown}`, /Unknown API key/],
  ])("401 for %s", async (_, header, message) => {
    const res = await summary(request("/ai/context/summary", { headers: header ? { authorization: header } : {} }));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const body = await envelope(res);
    expect(body.error.code).toBe("UNAUTHORIZED");
    expect(body.error.message).toMatch(message);
  });

  it("ignores a key in the query string", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    const res = await summary(request(`/ai/context/summary?key=${key}&api_key=${key}`));
    expect(res.status).toBe(401);
  });

  it("401 for a revoked key and an expired key", async () => {
    const user = await makeUser(db);
    const revoked = await makeKey(db, user.id);
    await revokeApiKey(db, revoked.row.id, user.id);
    const expired = await makeKey(db, user.id);
    await setKeyExpiry(db, expired.row.id, new Date(Date.now() - 1000));
    for (const [key, message] of [[revoked.key, /revoked/], [expired.key, /expired at/]] as const) {
      const res = await summary(request("/ai/context/summary", { key }));
      expect(res.status).toBe(401);
      expect((await envelope(res)).error.message).toMatch(message);
    }
  });

  it("rejects a bad checksum without touching the database", async () => {
    const key = generateApiKey();
    const tampered = key.slice(0, 10) + (key[10] === "A" ? "B" : "A") + key.slice(11);
    const untouchable = new Proxy({} as Db, {
      get() {
        throw new Error("database was queried");
      },
    });
    await expect(authenticateApiKey(untouchable, `Bearer ${tampered}`)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("429 RATE_LIMITED with Retry-After once the per-key limit is spent; other keys unaffected", async () => {
    process.env.RATE_LIMIT_PER_MINUTE = "3";
    resetEnvCache();
    resetLimiter();
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    const { key: other } = await makeKey(db, user.id);
    await awayFromWindowEdge();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await summary(request("/ai/context/summary", { key }));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    if (!last) throw new Error("no response");
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(last.headers.get("x-ratelimit-remaining")).toBe("0");
    const body = await envelope(last);
    expect(body.error.code).toBe("RATE_LIMITED");
    expect((await summary(request("/ai/context/summary", { key: other }))).status).toBe(200);
  }, 90_000); // may wait up to 20 s for a fresh limiter window
});

describe("GET /ai/skill", () => {
  it("needs no key and uses this instance's URL", async () => {
    const res = await skill(request("/ai/skill"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("cache-control")).toMatch(/max-age/);
    const text = await res.text();
    expect(text).toMatch(/^---\nname: akhrot/);
    expect(text).toContain("http://localhost:3000/tokens/fetch");
  });
});

describe("JSON bodies", () => {
  const schema = z.object({ provider: z.string(), scopes: z.array(z.string()).optional() }).strict();
  const post = (body: string, headers: Record<string, string> = {}) =>
    readJson(new Request("http://x/tokens/fetch", { method: "POST", body, headers }), schema, '{"provider":"google"}');

  it.each([
    ["empty body", "", /Request body is empty/],
    ["malformed JSON", "{provider:", /not valid JSON/],
    ["missing field", "{}", /provider: is required/],
    ["wrong type", '{"provider": 42}', /provider: .*string/],
    ["nested wrong type", '{"provider":"google","scopes":[1]}', /scopes\.0: /],
    ["unknown field", '{"provider":"google","evil":1}', /unknown field/],
    ["over 64 KB", JSON.stringify({ provider: "x".repeat(70_000) }), /larger than 64 KB/],
    ["deeply nested", `${"[".repeat(20_000)}${"]".repeat(20_000)}`, /Invalid request|not valid JSON/],
  ])("INVALID_REQUEST for %s, naming the problem", async (_, body, message) => {
    const err = await post(body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("INVALID_REQUEST");
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).message).toMatch(message);
  });

  it("refuses a declared oversize body before reading it", async () => {
    const err = await post("{}", { "content-length": String(1024 * 1024) }).catch((e: unknown) => e);
    expect((err as ApiError).message).toMatch(/larger than 64 KB/);
  });

  it("parses a valid body", async () => {
    expect(await post('{"provider":"google","scopes":["a"]}')).toEqual({ provider: "google", scopes: ["a"] });
  });
});

describe("key cache and revocation bound", () => {
  it("a key revoked in this process is refused at once", async () => {
    const user = await makeUser(db);
    const { key, row } = await makeKey(db, user.id);
    expect((await summary(request("/ai/context/summary", { key }))).status).toBe(200);
    await revokeApiKey(db, row.id, user.id);
    expect((await summary(request("/ai/context/summary", { key }))).status).toBe(401);
  });

  it(`a key revoked elsewhere is refused within ${KEY_CACHE_TTL_MS / 1000} s here`, async () => {
    const user = await makeUser(db);
    const { key, row } = await makeKey(db, user.id);
    const t0 = new Date();
    await authenticateApiKey(db, `Bearer ${key}`, t0);
    // Another instance (or the CLI) revokes it: this process's cache does not hear of it.
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, row.id));
    await expect(authenticateApiKey(db, `Bearer ${key}`, new Date(t0.getTime() + KEY_CACHE_TTL_MS - 1))).resolves.toMatchObject({ id: row.id });
    await expect(authenticateApiKey(db, `Bearer ${key}`, new Date(t0.getTime() + KEY_CACHE_TTL_MS))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("a key in use is renewed by one background re-check, and one revoked elsewhere is dropped by it", async () => {
    const user = await makeUser(db);
    const { key: kept, row: keptRow } = await makeKey(db, user.id);
    const { key: dropped, row: droppedRow } = await makeKey(db, user.id);
    const t0 = new Date();
    await authenticateApiKey(db, `Bearer ${kept}`, t0);
    await authenticateApiKey(db, `Bearer ${dropped}`, t0);
    // Another instance revokes one of them; both are used again, the second use past RECHECK_AFTER_MS.
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, droppedRow.id));
    await expect(authenticateApiKey(db, `Bearer ${dropped}`, new Date(t0.getTime() + 1))).resolves.toMatchObject({ id: droppedRow.id });
    const t1 = new Date(t0.getTime() + RECHECK_AFTER_MS);
    await expect(authenticateApiKey(db, `Bearer ${kept}`, t1)).resolves.toMatchObject({ id: keptRow.id });
    await keyRecheckSettled();
    // The revoked one is gone before its TTL ran out; the other now counts from the re-check.
    await expect(authenticateApiKey(db, `Bearer ${dropped}`, new Date(t1.getTime() + 1))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, keptRow.id));
    await expect(authenticateApiKey(db, `Bearer ${kept}`, new Date(t0.getTime() + KEY_CACHE_TTL_MS + 1))).resolves.toMatchObject({ id: keptRow.id });
    // The bound still holds: KEY_CACHE_TTL_MS after the database last confirmed it, it is refused.
    await expect(authenticateApiKey(db, `Bearer ${kept}`, new Date(t1.getTime() + KEY_CACHE_TTL_MS))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("a cached key still expires on time", async () => {
    const user = await makeUser(db);
    const expiresAt = new Date(Date.now() + 60_000);
    const { key } = await makeKey(db, user.id, { expiresAt });
    await authenticateApiKey(db, `Bearer ${key}`, new Date(expiresAt.getTime() - 2000));
    await expect(authenticateApiKey(db, `Bearer ${key}`, new Date(expiresAt.getTime() + 1))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
