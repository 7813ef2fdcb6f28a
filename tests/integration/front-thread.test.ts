/**
 * `npm start` on Postgres: the front thread (lib/server/front-worker.ts) owns the port and answers
 * the hot routes; everything else reaches Next through a Unix socket (lib/server/proxy-to-next.ts).
 * Here the front is the real worker thread, bundled as `npm run build` bundles it
 * (scripts/build-front.ts), with its own database pool, caches and limiter, and
 * "Next" is a plain server on a Unix socket that records what reaches it and answers with the
 * real limiter and metrics of this thread (Next's thread in production). What crosses between the
 * two threads is checked from both sides: a revoke here stops the front's cached key at once, both
 * threads count against one rate-limit window per key, and /metrics includes the front's answers.
 * Postgres only: the embedded PGlite can be opened by one thread alone, so `npm start` on PGlite
 * keeps one thread (tests/integration/fast-path.test.ts covers that layout).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { revokeApiKey } from "@/lib/api-keys";
import { resetEnvCache } from "@/lib/env";
import { metrics } from "@/lib/metrics/registry";
import { scrapeMetrics } from "@/lib/metrics";
import { limitApi, resetLimiter } from "@/lib/ratelimit";
import { frontLink } from "@/lib/server/front-link";
import { startFrontThread, type FrontThread } from "@/lib/server/front-thread";
import { makeKey, makeOAuthConnection, makeUser, testDb } from "@/lib/testing/fixtures";
import { buildFront } from "@/scripts/build-front";

const onPostgres = Boolean(process.env.DATABASE_URL);
const LIMIT = 40;

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
type Answer = { status: number; headers: IncomingHttpHeaders; text: string };

let db: Db;
let dir: string;
let next: Server;
let front: FrontThread;
let base: string;
let bundle: string | undefined;
const seen: Seen[] = [];
const savedLimit = process.env.RATE_LIMIT_PER_MINUTE;

function send(pathname: string, opts: { method?: string; headers?: Record<string, string | string[]>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${pathname}`, { method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c)).on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });

describe.skipIf(!onPostgres)("npm start's front thread on Postgres", () => {
  beforeAll(async () => {
    db = await testDb();
    // One budget per key, small enough to exhaust (the worker reads its environment at start).
    process.env.RATE_LIMIT_PER_MINUTE = String(LIMIT);
    resetEnvCache();
    resetLimiter();
    dir = mkdtempSync(path.join(tmpdir(), "akhrot-front-test-"));
    const socketPath = path.join(dir, "next.sock");
    next = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on("data", (c: Buffer) => parts.push(c));
      req.on("end", () => {
        void (async () => {
          seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(parts).toString("utf8") });
          if (req.url?.startsWith("/limit/")) {
            // What an /ai/* route does in Next's thread: one request against the key's budget.
            const result = await limitApi(`key:${req.url.slice("/limit/".length)}`);
            res.writeHead(result.success ? 200 : 429, { "content-type": "application/json" }).end(JSON.stringify(result));
          } else if (req.url === "/stream") {
            res.writeHead(200, { "content-type": "text/event-stream", "set-cookie": ["a=1; Path=/", "b=2; Path=/"] });
            res.write("data: first\n\n");
            setTimeout(() => res.end("data: last\n\n"), 300);
          } else {
            res.writeHead(201, { "content-type": "text/plain", "x-from": "next" }).end(`${req.method} ${req.url}`);
          }
        })().catch(() => res.destroy());
      });
    });
    next.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => next.listen(socketPath, resolve));
    // Inside the project, so the bundle's packages resolve from node_modules as in .next/akhrot.
    bundle = await buildFront(process.cwd(), path.join(process.cwd(), ".next", "akhrot-test", `front-${process.pid}.mjs`));
    front = await startFrontThread({ port: 0, hostname: "127.0.0.1", socketPath, production: true }, bundle);
    base = `http://127.0.0.1:${front.port}`;
  });

  afterAll(async () => {
    await front?.stop(200);
    next?.closeAllConnections();
    await new Promise((resolve) => next?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (bundle) rmSync(bundle, { force: true });
    if (savedLimit === undefined) delete process.env.RATE_LIMIT_PER_MINUTE;
    else process.env.RATE_LIMIT_PER_MINUTE = savedLimit;
    resetEnvCache();
    resetLimiter();
  });

  it("answers the hot routes itself and passes everything else to Next", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    await makeOAuthConnection(db, user.id, "google", { label: "alice@example.test" });
    const before = seen.length;
    const ok = await send("/tokens/fetch", { method: "POST", headers: bearer(key), body: '{"provider":"google"}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ provider: "google", type: "oauth2", account: { label: "alice@example.test" } });
    expect(ok.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers["x-frame-options"]).toBe("DENY");
    const service = await send("/api/service/provider-tokens", { method: "POST", headers: { "x-api-key": "nope", "content-type": "application/json" }, body: "{}" });
    expect(service.status).toBe(401);
    expect(seen.length).toBe(before);

    const other = await send("/ai/skill?x=1", { method: "POST", headers: { "x-custom": "kept", connection: "x-custom, keep-alive" }, body: "hello" });
    expect(other).toMatchObject({ status: 201, text: "POST /ai/skill?x=1" });
    expect(other.headers["x-from"]).toBe("next");
    const got = seen.at(-1);
    expect(got?.body).toBe("hello");
    // Named in Connection: hop-by-hop, not forwarded.
    expect(got?.headers["x-custom"]).toBeUndefined();
    // The front's stamp of the socket's peer, and the X-Forwarded-For Next would have filled in.
    expect(got?.headers["x-akhrot-peer"]).toBe("127.0.0.1");
    expect(got?.headers["x-forwarded-for"]).toBe("127.0.0.1");
    // GET on a hot path is Next's (405 there), as on one thread.
    expect((await send("/tokens/fetch")).text).toBe("GET /tokens/fetch");
  });

  it("keeps the client's forwarding headers and joins two Authorization headers, as on one thread", async () => {
    await send("/dashboard", { headers: { "x-forwarded-for": "203.0.113.9", authorization: ["Bearer a", "Bearer b"], "x-akhrot-peer": "10.0.0.1" } });
    const got = seen.at(-1);
    expect(got?.headers["x-forwarded-for"]).toBe("203.0.113.9");
    expect(got?.headers.authorization).toBe("Bearer a, Bearer b");
    expect(got?.headers["x-akhrot-peer"]).toBe("127.0.0.1");
  });

  it("streams Next's answer as it is written, with every Set-Cookie", async () => {
    const firstChunk = await new Promise<{ at: number; cookies: string[] | undefined; chunk: string; end: Promise<number> }>((resolve, reject) => {
      const started = Date.now();
      httpRequest(`${base}/stream`, (res) => {
        res.once("data", (c: Buffer) => resolve({ at: Date.now() - started, cookies: res.headers["set-cookie"], chunk: c.toString(), end: new Promise((r) => res.on("end", () => r(Date.now() - started)).resume()) }));
      })
        .on("error", reject)
        .end();
    });
    expect(firstChunk.chunk).toBe("data: first\n\n");
    expect(firstChunk.cookies).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(await firstChunk.end).toBeGreaterThan(firstChunk.at);
  });

  it("drops a key revoked in Next's thread from the front's cache before the revoke returns", async () => {
    const user = await makeUser(db);
    const { key, row } = await makeKey(db, user.id);
    await makeOAuthConnection(db, user.id, "google");
    expect((await send("/tokens/fetch", { method: "POST", headers: bearer(key), body: '{"provider":"google"}' })).status).toBe(200);
    await revokeApiKey(db, row.id, user.id);
    const after = await send("/tokens/fetch", { method: "POST", headers: bearer(key), body: '{"provider":"google"}' });
    expect(after.status).toBe(401);
    expect(JSON.parse(after.text)).toMatchObject({ error: { code: "UNAUTHORIZED", message: expect.stringMatching(/revoked/i) } });
  });

  it("counts both threads against one window per key", async () => {
    expect(frontLink()).toBeDefined();
    const user = await makeUser(db);
    const { key, row } = await makeKey(db, user.id);
    await makeOAuthConnection(db, user.id, "google");
    // A fresh window, so the budget cannot roll over mid-test.
    const windowLeft = 60_000 - (Date.now() % 60_000);
    if (windowLeft < 10_000) await new Promise((r) => setTimeout(r, windowLeft + 50));
    const half = LIMIT / 2;
    for (let i = 0; i < half; i++) expect((await send("/tokens/fetch", { method: "POST", headers: bearer(key), body: '{"provider":"google"}' })).status).toBe(200);
    for (let i = 0; i < half; i++) expect((await send(`/limit/${row.id}`)).status).toBe(200);
    expect((await send(`/limit/${row.id}`)).status).toBe(429);
    const refused = await send("/tokens/fetch", { method: "POST", headers: bearer(key), body: '{"provider":"google"}' });
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "RATE_LIMITED" } });
  });

  it("adds the front's answers to this thread's /metrics", async () => {
    const own = (await metrics().registry.getSingleMetricAsString("akhrot_http_requests_total")).includes('route="/tokens/fetch"');
    expect(own).toBe(false);
    const { body } = await scrapeMetrics(db);
    expect(body).toMatch(/akhrot_http_requests_total\{route="\/tokens\/fetch",method="POST",status="200"\} [1-9]\d*/);
    expect(body).toMatch(/akhrot_http_request_duration_seconds_count\{route="\/tokens\/fetch",method="POST"\} [1-9]\d*/);
    expect(body).toContain("process_resident_memory_bytes");
  });
});
