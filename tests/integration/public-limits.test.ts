/**
 * S12 (SECURITY-REVIEW.md): what anyone can call without a key or a session is limited per
 * client IP (the OAuth callback, Continue on a connect link), agent keys that need a database
 * lookup are limited per IP before it, and Telegram login codes per user and per phone number.
 * Through the real route handlers and the real limiter (memory, or Redis with TEST_REDIS_URL).
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { POST as startConnect } from "@/app/connect/[sessionId]/start/route";
import { GET as callback } from "@/app/oauth/callback/[provider]/route";
import * as oauthSessionsModule from "@/app/oauth/sessions/route";
import * as tokensFetchModule from "@/app/tokens/fetch/route";
import { generateApiKey } from "@/lib/api-keys/key-format";
import { resetEnvCache } from "@/lib/env";
import { resetLimiter } from "@/lib/ratelimit";
import { TOO_MANY_CODES } from "@/lib/telegram/code-limit";
import { startTelegramLogin } from "@/lib/telegram/start-telegram-login";
import { FakeTelegramServer } from "@/lib/telegram/testing/fake-mtproto-server";
import { makeKey, makeOAuthConnection, makeUser, params, request, testDb } from "@/lib/testing/fixtures";
import { awayFromWindowEdge } from "@/lib/testing/rate-window";
import { checked } from "../support/openapi-check";

const { POST: createSession } = checked(oauthSessionsModule);
const { POST: fetchTokenRoute } = checked(tokensFetchModule);

let db: Db;
beforeAll(async () => {
  db = await testDb();
  // The tests tell clients apart by X-Forwarded-For, as a proxy in front of the app would set it.
  process.env.AKHROT_TRUSTED_PROXIES = "1";
  resetEnvCache();
});
afterAll(() => {
  delete process.env.AKHROT_TRUSTED_PROXIES;
  resetEnvCache();
});

/** A client address of its own per test run (limits live in Redis across runs). */
const newIp = () => `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

const fetchFrom = (ip: string, key: string) =>
  fetchTokenRoute(request("/tokens/fetch", { method: "POST", key, headers: { "x-forwarded-for": ip, "content-type": "application/json" }, body: '{"provider":"google"}' }));

const PUBLIC_PER_IP_PER_MINUTE = 20;

describe("S12: per-IP limits before authentication", () => {
  beforeAll(() => {
    process.env.RATE_LIMIT_PUBLIC_PER_MINUTE = String(PUBLIC_PER_IP_PER_MINUTE);
    resetEnvCache();
    resetLimiter();
  });
  afterAll(() => {
    process.env.RATE_LIMIT_PUBLIC_PER_MINUTE = "100000";
    resetEnvCache();
    resetLimiter();
  });

  it("S12: unknown agent keys are limited per IP before the database lookup; valid cached keys keep working", async () => {
    process.env.RATE_LIMIT_KEY_FAILURES_PER_MINUTE = "5";
    resetEnvCache();
    resetLimiter();
    try {
      const user = await makeUser(db);
      const { key } = await makeKey(db, user.id);
      const { key: cold } = await makeKey(db, user.id);
      await makeOAuthConnection(db, user.id, "google");
      // The clock stands still for the burst: one limiter window, and the key cached below stays
      // within its 5 s however slowly a loaded machine answers these ten requests.
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
      const ip = newIp();
      expect((await fetchFrom(ip, key)).status).toBe(200); // valid: counts nothing, and is now cached
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await fetchFrom(ip, generateApiKey())).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const limited = await fetchFrom(ip, generateApiKey());
      expect([limited.status, ((await limited.json()) as { error: { code: string } }).error.code]).toEqual([429, "RATE_LIMITED"]);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      // Refused before any lookup: a malformed key and even a valid key not yet cached.
      expect((await fetchFrom(ip, "akh_short")).status).toBe(429);
      expect((await fetchFrom(ip, cold)).status).toBe(429);
      // A cached key needs no lookup; another address is unaffected.
      expect((await fetchFrom(ip, key)).status).toBe(200);
      expect((await fetchFrom(newIp(), generateApiKey())).status).toBe(401);
    } finally {
      vi.useRealTimers();
      process.env.RATE_LIMIT_KEY_FAILURES_PER_MINUTE = "100000";
      resetEnvCache();
      resetLimiter();
    }
  }, 90_000);

  it("S12: the OAuth callback is limited per IP", async () => {
    await awayFromWindowEdge();
    const ip = newIp();
    const hit = () => callback(new NextRequest(`http://localhost:3000/oauth/callback/google?state=x&code=y`, { headers: { "x-forwarded-for": ip, cookie: "akh_cb_aaaaaaa1=z" } }), params({ provider: "google" }));
    for (let i = 0; i < PUBLIC_PER_IP_PER_MINUTE; i++) expect((await hit()).status).toBe(303);
    const limited = await hit();
    expect([limited.status, limited.headers.get("retry-after") !== null]).toEqual([429, true]);
  }, 90_000);

  it("S12: Continue on a connect link is limited per IP", async () => {
    await awayFromWindowEdge();
    const ip = newIp();
    const hit = () => startConnect(request("/connect/cs_nope/start", { method: "POST", headers: { "x-forwarded-for": ip } }), params({ sessionId: "cs_nope" }));
    for (let i = 0; i < PUBLIC_PER_IP_PER_MINUTE; i++) expect((await hit()).status).toBe(404); // an unknown link, refused after the limit check
    expect((await hit()).status).toBe(429);
  }, 90_000);
});

describe("S12: Telegram login codes", () => {
  afterAll(() => {
    for (const k of ["TELEGRAM_API_ID", "TELEGRAM_API_HASH"]) delete process.env[k];
    process.env.TELEGRAM_CODES_PER_HOUR = "1000";
    resetEnvCache();
    resetLimiter();
  });

  it("S12: auth.sendCode is limited per user and per phone number", async () => {
    Object.assign(process.env, { TELEGRAM_API_ID: "123456", TELEGRAM_API_HASH: "0123456789abcdef0123456789abcdef", TELEGRAM_CODES_PER_HOUR: "2" });
    resetEnvCache();
    resetLimiter();
    // Numbers of their own per run: the per-number budget outlives the run in Redis.
    const phones = Array.from({ length: 3 }, () => `4477009${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`);
    const tg = new FakeTelegramServer({ apiId: 123456, apiHash: "0123456789abcdef0123456789abcdef", accounts: phones.map((phone, i) => ({ phone, userId: 2000 + i })) });
    const owner = async () => {
      const user = await makeUser(db);
      return (await makeKey(db, user.id)).key;
    };
    const step = async (key: string, phone: string) => {
      const res = await createSession(request("/oauth/sessions", { method: "POST", key, body: '{"provider":"telegram"}', headers: { "content-type": "application/json" } }));
      const { sessionId } = (await res.json()) as { sessionId: string };
      return startTelegramLogin(db, sessionId, `+${phone}`, { connectClient: tg.connect });
    };
    const [p0, p1, p2] = phones as [string, string, string];
    const a = await owner();
    expect(await step(a, p0)).toMatchObject({ step: "code" });
    expect(await step(a, p1)).toMatchObject({ step: "code" });
    expect(await step(a, p2)).toEqual({ step: "phone", error: TOO_MANY_CODES }); // per user
    const b = await owner();
    expect(await step(b, p0)).toMatchObject({ step: "code" });
    expect(await step(b, p0)).toEqual({ step: "phone", error: TOO_MANY_CODES }); // per number (a once, b once)
    // Refused attempts count too (b has used its two); a fresh owner may still reach another number.
    expect(await step(b, p1)).toEqual({ step: "phone", error: TOO_MANY_CODES });
    expect(await step(await owner(), p2)).toMatchObject({ step: "code" });
    expect(tg.calls.filter((c) => c === "auth.SendCode")).toHaveLength(4);
  });
});
