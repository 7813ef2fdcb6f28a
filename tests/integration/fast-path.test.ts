/**
 * The Node fast path for POST /tokens/fetch (what `npm start` serves) over real HTTP, against
 * the Next route handler (what `next start` and Vercel serve): the same answers for the same
 * requests, the security headers, raw-socket edge cases (two Authorization headers, oversized
 * and aborted bodies) and everything else left to Next.
 */
import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { flushWrites } from "@/db/write-batcher";
import { apiKeys, auditEvents } from "@/db/schema";
import { POST as fetchTokenRoute } from "@/app/tokens/fetch/route";
import { revokeApiKey } from "@/lib/api-keys";
import { saveApiKeyConnection } from "@/lib/connections/save-api-key-connection";
import { isApiKeyProvider, getProvider } from "@/lib/providers";
import { createFastPath } from "@/lib/server/fast-path";
import { captureLogs } from "@/lib/testing/capture-logs";
import { makeKey, makeOAuthConnection, makeUser, request, testDb } from "@/lib/testing/fixtures";

type Answer = { status: number; headers: IncomingHttpHeaders; text: string };

let db: Db;
let server: Server;
let base: URL;
const fellThrough: string[] = [];

beforeAll(async () => {
  db = await testDb();
  const fast = createFastPath(true);
  server = createServer((req, res) => {
    if (fast(req, res)) return;
    fellThrough.push(`${req.method} ${req.url}`);
    res.writeHead(299, { "content-type": "text/plain" }).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** One raw HTTP request; `headers` values may be arrays (sent as repeated header lines). */
function send(path: string, opts: { method?: string; headers?: Record<string, string | string[]>; body?: string | Buffer; chunks?: Buffer[] } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { method: opts.method ?? "POST", headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString("utf8") }));
    });
    req.on("error", reject);
    for (const c of opts.chunks ?? []) req.write(c);
    req.end(opts.body);
  });
}

const auth = (key: string) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });

async function viaRoute(headers: Record<string, string>, body: string): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetchTokenRoute(request("/tokens/fetch", { method: "POST", headers, body }));
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Token values differ per fetch only if a refresh happened; compare everything. */
async function expectSameAnswer(headers: Record<string, string>, body: string) {
  const fast = await send("/tokens/fetch", { headers, body });
  const route = await viaRoute(headers, body);
  expect({ status: fast.status, body: JSON.parse(fast.text) as unknown }).toEqual({ status: route.status, body: JSON.parse(route.text) as unknown });
  for (const h of ["content-type", "cache-control", "www-authenticate", "retry-after", "x-ratelimit-limit"]) {
    expect([h, fast.headers[h] !== undefined]).toEqual([h, route.headers.get(h) !== null]);
  }
  return fast;
}

describe("POST /tokens/fetch on the Node fast path", () => {
  it("answers exactly as the route handler does, success and every error", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    const { key: narrow } = await makeKey(db, user.id, { providers: ["github"] });
    await makeOAuthConnection(db, user.id, "google", { label: "alice@example.test", scopes: ["openid", "email"] });
    await makeOAuthConnection(db, user.id, "notion", { status: "needs_reauth" });
    const openai = getProvider("openai");
    if (!openai || !isApiKeyProvider(openai)) throw new Error("catalog: openai");
    await saveApiKeyConnection(db, { userId: user.id, provider: openai, values: { apiKey: `sk-proj-${"a".repeat(40)}` } });

    const ok = await expectSameAnswer(auth(key), '{"provider":"google"}');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ provider: "google", type: "oauth2", tokenType: "Bearer", account: { label: "alice@example.test" } });
    expect((await expectSameAnswer(auth(key), '{"provider":"openai"}')).status).toBe(200);

    const cases: [Record<string, string>, string, number, string][] = [
      [{}, '{"provider":"google"}', 401, "UNAUTHORIZED"],
      [{ authorization: "bearer akh_x" }, '{"provider":"google"}', 401, "UNAUTHORIZED"],
      [{ authorization: `Bearer ${key.slice(0, -1)}x` }, '{"provider":"google"}', 401, "UNAUTHORIZED"],
      [auth(key), "", 400, "INVALID_REQUEST"],
      [auth(key), "{not json", 400, "INVALID_REQUEST"],
      [auth(key), '{"provider":"google","colour":"red"}', 400, "INVALID_REQUEST"],
      [auth(key), '{"provider":"gogle"}', 400, "UNKNOWN_PROVIDER"],
      [auth(key), '{"provider":"slack"}', 404, "INTEGRATION_NOT_FOUND"],
      [auth(key), '{"provider":"google","account":"bob@example.test"}', 404, "INTEGRATION_NOT_FOUND"],
      [auth(key), '{"provider":"google","scopes":["drive"]}', 403, "INSUFFICIENT_SCOPE"],
      [auth(key), '{"provider":"notion"}', 400, "TOKEN_EXPIRED"],
      [auth(narrow), '{"provider":"google"}', 403, "FORBIDDEN"],
    ];
    for (const [headers, body, status, code] of cases) {
      const fast = await expectSameAnswer(headers, body);
      expect([body, fast.status, (JSON.parse(fast.text) as { error: { code: string } }).error.code]).toEqual([body, status, code]);
    }
  });

  it("carries the security headers and a content length", async () => {
    const res = await send("/tokens/fetch", { headers: auth("akh_nope"), body: "{}" });
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.text));
  });

  it("refuses two Authorization headers, even when the first one is valid", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    await makeOAuthConnection(db, user.id, "google");
    const res = await send("/tokens/fetch", { headers: { authorization: [`Bearer ${key}`, "Bearer akh_other"], "content-type": "application/json" }, body: '{"provider":"google"}' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: "UNAUTHORIZED", message: expect.stringMatching(/Malformed Authorization header/) } });
  });

  it("refuses bodies over 64 KB, declared or streamed, and keeps serving", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    const declared = await send("/tokens/fetch", { headers: { ...auth(key), "content-length": String(70 * 1024) }, body: Buffer.alloc(70 * 1024, 0x20) });
    expect(declared.status).toBe(400);
    expect(declared.text).toMatch(/larger than 64 KB/);
    const streamed = await send("/tokens/fetch", { headers: { ...auth(key), "transfer-encoding": "chunked" }, chunks: Array.from({ length: 10 }, () => Buffer.alloc(8 * 1024, 0x20)) });
    expect(streamed.status).toBe(400);
    expect(streamed.text).toMatch(/larger than 64 KB/);
    expect((await send("/tokens/fetch", { headers: auth(key), body: '{"provider":"google"}' })).status).toBe(404);
  });

  it("survives a client that goes away mid-body, logging nothing", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    const logged = captureLogs();
    await new Promise<void>((resolve) => {
      const req = httpRequest(new URL("/tokens/fetch", base), { method: "POST", headers: { ...auth(key), "content-length": "1000" } });
      req.on("error", () => resolve());
      req.write('{"provider":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await new Promise((r) => setTimeout(r, 100));
    expect((await send("/tokens/fetch", { headers: auth(key), body: '{"provider":"google"}' })).status).toBe(404);
    logged.restore();
    expect(logged.lines).toEqual([]);
  });

  it("leaves every other method and path to Next", async () => {
    fellThrough.length = 0;
    for (const [method, path] of [["GET", "/tokens/fetch"], ["OPTIONS", "/tokens/fetch"], ["POST", "/tokens/fetch/"], ["POST", "/tokens/fetchx"], ["POST", "/oauth/sessions"], ["GET", "/"]] as const) {
      const res = await send(path, { method, body: method === "POST" ? "{}" : undefined });
      expect([method, path, res.status, res.text]).toEqual([method, path, 299, "next"]);
    }
    expect(fellThrough).toHaveLength(6);
    expect((await send("/tokens/fetch?trace=1", { headers: auth("akh_nope"), body: "{}" })).status).toBe(401);
  });

  it("records the fetch in the activity log and the key's last use, and honours a revoke at once", async () => {
    const user = await makeUser(db);
    const { key, row } = await makeKey(db, user.id);
    const conn = await makeOAuthConnection(db, user.id, "google");
    expect((await send("/tokens/fetch", { headers: auth(key), body: '{"provider":"google"}' })).status).toBe(200);
    await flushWrites();
    await vi.waitFor(async () => {
      const [k] = await db.select().from(apiKeys).where(eq(apiKeys.id, row.id));
      expect(k?.lastUsedAt).toBeInstanceOf(Date);
    });
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.userId, user.id), eq(auditEvents.action, "token.fetch")));
    expect(events.map((e) => [e.provider, e.connectionId, e.apiKeyId, e.outcome])).toEqual([["google", conn.id, row.id, "success"]]);
    await revokeApiKey(db, row.id, user.id);
    const after = await send("/tokens/fetch", { headers: auth(key), body: '{"provider":"google"}' });
    expect([after.status, JSON.parse(after.text)]).toEqual([401, { error: { code: "UNAUTHORIZED", message: expect.stringMatching(/revoked/) } }]);
  });
});
