/**
 * API-key providers and Telegram through the agent's calls and the hosted paste form:
 * each credential shape, each validation error, the optional live check against a local
 * HTTP server, and /tokens/fetch's contract shape for api_key and mtproto.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditEvents, connections } from "@/db/schema";
import * as oauthSessionsModule from "@/app/oauth/sessions/route";
import * as oauthSessionsSessionidModule from "@/app/oauth/sessions/[sessionId]/route";
import * as tokensFetchModule from "@/app/tokens/fetch/route";
import { submitHostedCredentials } from "@/lib/connect/submit-hosted-credentials";
import { resetEnvCache } from "@/lib/env";
import { makeKey, makeUser, params, request, testDb } from "@/lib/testing/fixtures";
import { checked } from "../support/openapi-check";

const { POST: createSession } = checked(oauthSessionsModule);
const { GET: sessionStatus } = checked(oauthSessionsSessionidModule);
const { POST: fetchTokenRoute } = checked(tokensFetchModule);

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterEach(() => {
  for (const k of ["AKHROT_VERIFY_API_KEYS", "APIKEY_OPENAI_BASE_URL", "TELEGRAM_API_ID", "TELEGRAM_API_HASH"]) delete process.env[k];
  resetEnvCache();
});

const OPENAI_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";

async function agent() {
  const user = await makeUser(db);
  return { userId: user.id, key: (await makeKey(db, user.id)).key };
}

async function call(route: typeof fetchTokenRoute, path: string, key: string, body: unknown) {
  const res = await route(request(path, { method: "POST", key, body: JSON.stringify(body) }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

async function session(key: string, provider: string): Promise<string> {
  const res = await call(createSession, "/oauth/sessions", key, { provider });
  expect(res.status).toBe(201);
  return String(res.body.sessionId);
}

describe("hosted paste form → /tokens/fetch", () => {
  it("OpenAI: paste → completed → the agent fetches it in the api_key shape", async () => {
    const a = await agent();
    const id = await session(a.key, "openai");
    expect(await submitHostedCredentials(db, id, { apiKey: `  ${OPENAI_KEY} ` })).toMatchObject({ ok: true });
    const status = await sessionStatus(request(`/oauth/sessions/${id}`, { key: a.key }), params({ sessionId: id }));
    expect(await status.json()).toMatchObject({ status: "completed", connectionId: expect.stringMatching(/^conn_/) });
    const token = await call(fetchTokenRoute, "/tokens/fetch", a.key, { provider: "openai" });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({
      provider: "openai",
      type: "api_key",
      accessToken: OPENAI_KEY,
      fields: {},
      usage: { header: "Authorization", format: "Bearer {apiKey}", baseUrl: "https://api.openai.com/v1" },
      account: { label: "OpenAI …6789" },
    });
    // Stored encrypted: the plaintext key is nowhere in the row or the activity log.
    const rows = await db.select().from(connections).where(eq(connections.userId, a.userId));
    expect(JSON.stringify(rows)).not.toContain(OPENAI_KEY.slice(8));
    const events = await db.select().from(auditEvents).where(eq(auditEvents.userId, a.userId));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["session.create", "connection.create"]));
    expect(JSON.stringify(events)).not.toContain(OPENAI_KEY.slice(8));
  });

  it("a used link cannot be used again", async () => {
    const a = await agent();
    const id = await session(a.key, "openai");
    await submitHostedCredentials(db, id, { apiKey: OPENAI_KEY });
    expect(await submitHostedCredentials(db, id, { apiKey: OPENAI_KEY })).toMatchObject({ ok: false, errors: { _form: expect.stringMatching(/expired or was already used/) } });
  });

  it("Twilio: two fields; accessToken is the auth token, the SID comes under fields", async () => {
    const a = await agent();
    const sid = `AC${"a1".repeat(16)}`;
    const tokenValue = "f".repeat(32);
    const id = await session(a.key, "twilio");
    expect(await submitHostedCredentials(db, id, { accountSid: sid, authToken: tokenValue })).toMatchObject({ ok: true });
    const token = await call(fetchTokenRoute, "/tokens/fetch", a.key, { provider: "twilio" });
    expect(token.body).toMatchObject({ type: "api_key", accessToken: tokenValue, fields: { accountSid: sid } });
  });

  it.each([
    ["openai", { apiKey: "sk-ant-looks-like-anthropic-key-000000" }, "apiKey", /OpenAI keys start with sk-/],
    ["openai", {}, "apiKey", /is required/],
    ["twilio", { accountSid: "XX123", authToken: "f".repeat(32) }, "accountSid", /does not look right|expected format/],
    ["mailgun", { apiKey: "0".repeat(32), region: "asia" }, "region", /must be one of: us, eu/],
    ["mongodb", { publicKey: "abcdefgh" }, "_form", /needs one of/],
  ])("%s %j → a specific message on %s, nothing stored", async (provider, values, field, message) => {
    const a = await agent();
    const id = await session(a.key, provider);
    const result = await submitHostedCredentials(db, id, values);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toMatch(message);
    expect(await db.select().from(connections).where(eq(connections.userId, a.userId))).toHaveLength(0);
    for (const v of Object.values(values)) if (v.length > 8 && !result.ok) expect(JSON.stringify(result.errors)).not.toContain(v);
  });

  it("MongoDB with only an Atlas key pair is accepted and fetched", async () => {
    const a = await agent();
    const id = await session(a.key, "mongodb");
    const privateKey = "0123abcd-0000-4000-8000-0123456789ab";
    expect(await submitHostedCredentials(db, id, { publicKey: "abcdefgh", privateKey })).toMatchObject({ ok: true });
    const token = await call(fetchTokenRoute, "/tokens/fetch", a.key, { provider: "mongodb" });
    expect(token.body).toMatchObject({ type: "api_key", accessToken: privateKey, fields: { publicKey: "abcdefgh" } });
  });
});

describe("live key check (AKHROT_VERIFY_API_KEYS=true) against a local HTTP server", () => {
  let server: Server;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.writeHead(req.headers.authorization === `Bearer ${OPENAI_KEY}` ? 200 : 401, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("accepts a key the provider accepts and refuses one it rejects", async () => {
    process.env.AKHROT_VERIFY_API_KEYS = "true";
    process.env.APIKEY_OPENAI_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    resetEnvCache();
    const a = await agent();
    const bad = await submitHostedCredentials(db, await session(a.key, "openai"), { apiKey: "sk-proj-thisKeyIsRevoked000000000000" });
    expect(bad).toMatchObject({ ok: false, errors: { _form: expect.stringMatching(/OpenAI rejected this key \(HTTP 401\)/) } });
    expect(await submitHostedCredentials(db, await session(a.key, "openai"), { apiKey: OPENAI_KEY })).toMatchObject({ ok: true });
    expect(seen.at(-1)).toBe(`GET /v1/models Bearer ${OPENAI_KEY}`);
  });
});

describe("Telegram (MTProto)", () => {
  it("PROVIDER_NOT_CONFIGURED without TELEGRAM_API_ID / TELEGRAM_API_HASH", async () => {
    const a = await agent();
    const res = await call(createSession, "/oauth/sessions", a.key, { provider: "telegram" });
    expect(res.status).toBe(503);
    expect(res.body.error?.message).toMatch(/TELEGRAM_API_ID and TELEGRAM_API_HASH/);
  });

  it("an imported session string is fetched as type mtproto with apiId and apiHash", async () => {
    process.env.TELEGRAM_API_ID = "123456";
    process.env.TELEGRAM_API_HASH = "0123456789abcdef0123456789abcdef";
    resetEnvCache();
    const a = await agent();
    const id = await session(a.key, "telegram");
    const sessionString = `1BVtsOK${"x".repeat(300)}`;
    expect(await submitHostedCredentials(db, id, { sessionString })).toMatchObject({ ok: true });
    const token = await call(fetchTokenRoute, "/tokens/fetch", a.key, { provider: "telegram" });
    expect(token.body).toMatchObject({ provider: "telegram", type: "mtproto", accessToken: sessionString, apiId: 123456, apiHash: "0123456789abcdef0123456789abcdef" });
  });
});
