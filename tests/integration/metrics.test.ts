/**
 * GET /metrics: absent without METRICS_TOKEN, refused without the token, and counting what
 * happened: token fetches through the Node fast path and the route handler (one registry),
 * refreshes and refresh failures at the real OAuth server, rate-limit refusals, and the
 * re-auth gauge read from the database at scrape time.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { connections } from "@/db/schema";
import { GET as metricsRoute } from "@/app/metrics/route";
import { resetEnvCache } from "@/lib/env";
import { resetLimiter } from "@/lib/ratelimit";
import { createFastPath } from "@/lib/server/fast-path";
import { connect, fetchToken, newAgent, startGoogleIdp } from "@/lib/testing/agent-flow";
import { makeOAuthConnection, request, testDb } from "@/lib/testing/fixtures";
import type { OidcServer } from "@/lib/testing/oidc-server";
import { awayFromWindowEdge } from "@/lib/testing/rate-window";

const TOKEN = "metrics-token-0123456789abcdef";
let db: Db;
let idp: OidcServer;
let server: Server;
let base: string;

beforeAll(async () => {
  db = await testDb();
  idp = await startGoogleIdp();
  const fast = createFastPath(true);
  server = createServer((req, res) => {
    if (!fast(req, res)) res.writeHead(599).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  delete process.env.RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
  resetLimiter();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await idp?.stop();
});

function withToken(token: string | undefined) {
  if (token) process.env.METRICS_TOKEN = token;
  else delete process.env.METRICS_TOKEN;
  resetEnvCache();
}

async function scrape(): Promise<string> {
  const res = await metricsRoute(request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.indexOf("}"));
    const have = inside.split(",");
    if (want.every((w) => have.includes(w))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return 0;
}

describe("GET /metrics", () => {
  it("does not exist without METRICS_TOKEN, refuses a wrong or missing token", async () => {
    withToken(undefined);
    expect((await metricsRoute(request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }))).status).toBe(404);
    withToken(TOKEN);
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN]) {
      const res = await metricsRoute(request("/metrics", { headers: authorization ? { authorization } : {} }));
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.text()).not.toContain("akhrot_");
    }
  });

  it("counts fetches on both paths, refreshes, refresh failures, refusals, and re-auth connections", async () => {
    withToken(TOKEN);
    const before = await scrape();
    const a = await newAgent(db);
    await connect(a);
    const ok = await fetchToken(a);
    expect(ok.status).toBe(200);
    const viaFast = await fetch(`${base}/tokens/fetch`, { method: "POST", headers: { authorization: `Bearer ${a.key}`, "content-type": "application/json" }, body: '{"provider":"github"}' });
    expect(viaFast.status).toBe(404);
    expect(viaFast.headers.get("x-request-id")).toBeTruthy();
    const connId = String(ok.body.connectionId);
    await db.update(connections).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connections.id, connId));
    expect((await fetchToken(a)).status).toBe(200); // refreshed at the OAuth server
    await db.update(connections).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connections.id, connId));
    idp.setTokenEndpointFault("invalid_grant");
    expect((await fetchToken(a)).status).toBe(400);
    idp.setTokenEndpointFault(null);
    await makeOAuthConnection(db, a.userId, "github", { status: "needs_reauth" });

    process.env.RATE_LIMIT_PER_MINUTE = "1";
    resetEnvCache();
    resetLimiter();
    const limited = await newAgent(db);
    await awayFromWindowEdge();
    await fetchToken(limited);
    expect((await fetchToken(limited)).status).toBe(429);
    delete process.env.RATE_LIMIT_PER_MINUTE;
    resetEnvCache();
    resetLimiter();

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    expect(moved("akhrot_token_fetches_total", { provider: "google", outcome: "success" })).toBe(2);
    expect(moved("akhrot_token_fetches_total", { provider: "github", outcome: "INTEGRATION_NOT_FOUND" })).toBe(1);
    expect(moved("akhrot_token_fetches_total", { provider: "google", outcome: "TOKEN_EXPIRED" })).toBe(1);
    expect(moved("akhrot_token_refreshes_total", { provider: "google", outcome: "success" })).toBe(1);
    expect(moved("akhrot_token_refresh_failures_total", { provider: "google", reason: "invalid_grant" })).toBe(1);
    expect(moved("akhrot_rate_limited_total", { limiter: "api" })).toBe(1);
    // github on the fast path, and the rate-limited agent's first (unconnected) fetch through the route.
    expect(moved("akhrot_http_requests_total", { route: "/tokens/fetch", method: "POST", status: "404" })).toBe(2);
    expect(moved("akhrot_http_requests_total", { route: "/tokens/fetch", method: "POST", status: "429" })).toBe(1);
    expect(moved("akhrot_http_request_duration_seconds_count", { route: "/tokens/fetch", method: "POST" })).toBeGreaterThanOrEqual(6);
    // The gauge is a count of rows now, not a counter: both connections of this user need re-auth.
    expect(sample(after, "akhrot_connections_needing_reauth", { provider: "google" })).toBeGreaterThanOrEqual(1);
    expect(sample(after, "akhrot_connections_needing_reauth", { provider: "github" })).toBeGreaterThanOrEqual(1);
    expect(after).not.toContain(a.key);
  }, 90_000); // may wait up to 20 s for a fresh limiter window
});
