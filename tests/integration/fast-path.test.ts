/**
 * The Node fast path for POST /tokens/fetch (what `npm start` serves) over real HTTP, against
 * the Next route handler (what `next start` and Vercel serve): the same answers for the same
 * requests, the security headers, raw-socket edge cases (two Authorization headers, oversized
 * and aborted bodies) and everything else left to Next.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect as tcpConnect, type AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { flushWrites } from "@/db/write-batcher";
import { apiKeys, auditEvents } from "@/db/schema";
import * as fetchRoute from "@/app/tokens/fetch/route";
import { revokeApiKey } from "@/lib/api-keys";
import { saveApiKeyConnection } from "@/lib/connections/save-api-key-connection";
import { isApiKeyProvider, getProvider } from "@/lib/providers";
import { createAkhrotServer, HEADERS_TIMEOUT_MS, MAX_REQUEST_BODY_BYTES, REQUEST_TIMEOUT_MS } from "@/lib/server/create-server";
import { createFastPath } from "@/lib/server/fast-path";
import { captureLogs } from "@/lib/testing/capture-logs";
import { makeKey, makeOAuthConnection, makeUser, request, tamperedKey, testDb } from "@/lib/testing/fixtures";
import { checked, contractViolation } from "../support/openapi-check";

const { POST: fetchTokenRoute } = checked(fetchRoute);

type Answer = { status: number; headers: IncomingHttpHeaders; text: string };

let db: Db;
let server: Server;
let viaNext: Server;
let base: URL;
let nextBase: URL;
const fellThrough: string[] = [];

/** What Next does with a Node request for a route handler: a Web Request from `req.headers` and the body stream. */
async function asNextRoute(req: IncomingMessage, res: ServerResponse) {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const answer = await fetchTokenRoute(new Request(`http://localhost:3000${req.url ?? "/"}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }));
  res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(await answer.text());
}

const SLOW_BODY_MS = 300;

beforeAll(async () => {
  db = await testDb();
  // npm start's own server (lib/server/create-server.ts) with the fast path, and a stand-in for Next.
  const fast = createFastPath(true, { bodyDeadlineMs: SLOW_BODY_MS });
  server = createAkhrotServer(
    (req, res) => {
      fellThrough.push(`${req.method} ${req.url}`);
      if (req.url === "/consume") {
        void (async () => {
          let n = 0;
          for await (const c of req) n += (c as Buffer).length;
          res.writeHead(200).end(String(n));
        })().catch(() => {});
        return;
      }
      res.writeHead(299, { "content-type": "text/plain" }).end("next");
    },
    () => fast,
  );
  // The same server without the fast path: POST /tokens/fetch through the route handler, as Next serves it.
  viaNext = createAkhrotServer((req, res) => void asNextRoute(req, res).catch(() => res.destroy()), () => undefined);
  for (const s of [server, viaNext]) await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  nextBase = new URL(`http://127.0.0.1:${(viaNext.address() as AddressInfo).port}`);
});

afterAll(async () => {
  for (const s of [server, viaNext]) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** One raw HTTP request; `headers` values may be arrays (sent as repeated header lines). */
function send(path: string, opts: { method?: string; headers?: Record<string, string | string[]>; body?: string | Buffer; chunks?: Buffer[]; to?: URL } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, opts.to ?? base), { method: opts.method ?? "POST", headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => {
        const answer = { status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString("utf8") };
        // Answers of the fast path (not the stand-in for Next, 299) are the documented ones.
        const violation = path.startsWith("/tokens/fetch") && answer.status !== 299 ? contractViolation(opts.method ?? "POST", new URL(path, "http://x").pathname, answer.status, String(res.headers["content-type"] ?? ""), answer.text) : null;
        if (violation) reject(new Error(`OpenAPI contract: ${violation}`));
        else resolve(answer);
      });
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
  for (const h of ["content-type", "cache-control", "www-authenticate", "retry-after", "x-ratelimit-limit", "x-request-id"]) {
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
      [{ authorization: `Bearer ${tamperedKey(key)}` }, '{"provider":"google"}', 401, "UNAUTHORIZED"],
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
      const answer = JSON.parse(fast.text) as { error?: { code: string } };
      expect([headers.authorization ?? "", body, fast.status, answer.error?.code ?? fast.text]).toEqual([headers.authorization ?? "", body, status, code]);
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

/** A raw HTTP/1.1 exchange; `closed` tells whether the server closed the socket (bounded wait otherwise). */
function raw(to: URL, request: string, body: (string | Buffer)[] = [], waitMs = 5_000): Promise<{ text: string; closed: boolean }> {
  return new Promise<{ text: string; closed: boolean }>((resolve) => {
    const socket = tcpConnect(Number(to.port), to.hostname);
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, waitMs);
    socket.on("data", (d: Buffer) => (text += d.toString("latin1")));
    socket.on("error", () => {}); // a reset after the answer is fine: the answer is what counts
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.write(request);
    for (const b of body) socket.write(b);
  }).then((answer) => {
    // The fast path's own answers to POST /tokens/fetch are the documented ones too.
    const [head, ...rest] = answer.text.split("\r\n\r\n");
    const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(head ?? "")?.[1]);
    const violation = request.startsWith("POST /tokens/fetch ") && status ? contractViolation("POST", "/tokens/fetch", status, /\r\ncontent-type: ([^\r]+)/i.exec(head ?? "")?.[1] ?? null, rest.join("\r\n\r\n")) : null;
    if (violation) throw new Error(`OpenAPI contract: ${violation}`);
    return answer;
  });
}

const head = (path: string, headers: string[]) => `POST ${path} HTTP/1.1\r\nHost: t\r\n${headers.map((h) => `${h}\r\n`).join("")}\r\n`;

describe("S19 and S8 on npm start's server", () => {
  it("S19: two Authorization headers are refused identically by the route handler (behind npm start's server) and the fast path", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    await makeOAuthConnection(db, user.id, "google");
    const opts = { headers: { authorization: [`Bearer ${key}`, "Bearer akh_other"], "content-type": "application/json" }, body: '{"provider":"google"}' };
    const fast = await send("/tokens/fetch", opts);
    const route = await send("/tokens/fetch", { ...opts, to: nextBase });
    expect([route.status, JSON.parse(route.text)]).toEqual([fast.status, JSON.parse(fast.text)]);
    expect(fast.status).toBe(401);
  });

  it("S19: lower-case `bearer` is accepted by both (RFC 6750 §2.1: the scheme is case-insensitive)", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    await makeOAuthConnection(db, user.id, "google", { label: "bob@example.test" });
    const opts = { headers: { authorization: `bearer ${key}`, "content-type": "application/json" }, body: '{"provider":"google"}' };
    const fast = await send("/tokens/fetch", opts);
    const route = await send("/tokens/fetch", { ...opts, to: nextBase });
    expect(fast.status).toBe(200);
    expect(JSON.parse(route.text)).toEqual(JSON.parse(fast.text));
    expect((await expectSameAnswer({ authorization: `BEARER ${key}`, "content-type": "application/json" }, '{"provider":"google"}')).status).toBe(200);
  });

  it("S19: after refusing an oversized body the fast path closes the connection instead of draining the rest", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    const chunk = Buffer.alloc(100 * 1024, 0x20);
    const res = await raw(base, head("/tokens/fetch", [`Authorization: Bearer ${key}`, "Content-Type: application/json", "Transfer-Encoding: chunked"]), [`${chunk.length.toString(16)}\r\n`, chunk, "\r\n"]);
    expect(res.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(res.text).toMatch(/\r\nconnection: close\r\n/i);
    expect(res.text).toContain("larger than 64 KB");
    expect(res.closed).toBe(true);
  });

  it("S19: a body that does not arrive within the deadline is refused and the connection closed", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    const res = await raw(base, head("/tokens/fetch", [`Authorization: Bearer ${key}`, "Content-Type: application/json", "Content-Length: 100"]), ['{"provider":']);
    expect(res.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(res.text).toContain(`did not arrive within ${SLOW_BODY_MS / 1000} s`);
    expect(res.closed).toBe(true);
    expect((await send("/tokens/fetch", { headers: auth(key), body: '{"provider":"google"}' })).status).toBe(404);
  });

  it("S8: npm start's server refuses a body over 1 MB, declared or chunked, before any route reads it", async () => {
    fellThrough.length = 0;
    const declared = await raw(base, head("/api/trpc/apiKeys.create?batch=1", ["Content-Type: application/json", "Content-Length: 200000000"]));
    expect(declared.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(declared.text).toContain(`"code":"PAYLOAD_TOO_LARGE"`);
    expect(declared.closed).toBe(true);
    expect(fellThrough).toEqual([]);

    const piece = Buffer.alloc(256 * 1024, 0x61);
    const chunked = await raw(base, head("/consume", ["Content-Type: application/octet-stream", "Transfer-Encoding: chunked"]), Array.from({ length: 8 }, () => Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")])));
    expect(chunked.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(chunked.closed).toBe(true);
    // Under the cap, the route reads the whole body.
    expect((await send("/consume", { body: Buffer.alloc(MAX_REQUEST_BODY_BYTES, 0x61) })).text).toBe(String(MAX_REQUEST_BODY_BYTES));
    // Slow senders: headers and the whole request are bounded well below Node's defaults (60 s, 300 s).
    expect([server.headersTimeout, server.requestTimeout]).toEqual([HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS]);
  });
});
