/**
 * Hostile input and secret hygiene, through the real handlers, database and OAuth server.
 * The canary part runs the OAuth flow, refresh and the error paths with recognisable secrets
 * and asserts none of them reaches a log line, an error body or an audit row.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { flushWrites } from "@/db/write-batcher";
import { auditEvents, connections, connectSessions } from "@/db/schema";
import { POST as dashboardConnect } from "@/app/dashboard/connect/[provider]/route";
import * as oauthSessionsModule from "@/app/oauth/sessions/route";
import * as aiContextSummaryModule from "@/app/ai/context/summary/route";
import * as tokensFetchModule from "@/app/tokens/fetch/route";
import { submitHostedCredentials } from "@/lib/connect/submit-hosted-credentials";
import { openRefreshToken } from "@/lib/connections/connection-secrets";
import { connect, fetchToken, humanStartsFlow, newAgent, post, runCallback, startGoogleIdp, type JsonAnswer } from "@/lib/testing/agent-flow";
import { makeOAuthConnection, params, request, tamperedKey, testDb } from "@/lib/testing/fixtures";
import { completeLoginAndConsent } from "@/lib/testing/oidc-login";
import type { OidcServer } from "@/lib/testing/oidc-server";
import { captureLogs, type CapturedLogs } from "@/lib/testing/capture-logs";
import { checked } from "../support/openapi-check";

const { POST: createSession } = checked(oauthSessionsModule);
const { GET: summary } = checked(aiContextSummaryModule);
const { POST: fetchTokenRoute } = checked(tokensFetchModule);

const CANARY_CLIENT_SECRET = "CANARY-client-secret-5f0c1d9e";
const CANARY_API_KEY = "sk-proj-CANARYapikey7f3a9c0000000000000";
let db: Db;
let idp: OidcServer;
let logs: CapturedLogs | undefined;

beforeAll(async () => {
  db = await testDb();
  idp = await startGoogleIdp({ clientSecret: CANARY_CLIENT_SECRET });
});
afterAll(async () => {
  await idp?.stop();
});
beforeEach(() => {
  idp.setTokenEndpointFault(null);
  // The logger's own output at trace level, exactly as it would reach stdout (after redaction).
  logs = captureLogs();
});
afterEach(() => {
  logs?.restore();
  vi.restoreAllMocks();
});

const STACK_OR_SQL = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\b(select|insert into|update|delete from)\b .*\b(from|set|values|where)\b|drizzle|postgres/i;

describe("isolation between users", () => {
  it("A's key never reaches B's connections: the same 404 as for nothing at all", async () => {
    const a = await newAgent(db);
    const b = await newAgent(db);
    const nobody = await newAgent(db);
    await makeOAuthConnection(db, b.userId, "google", { accountId: "b-sub", label: "b@example.com" });
    const forA = await fetchToken(a);
    const forNobody = await fetchToken(nobody);
    expect(forA.status).toBe(404);
    expect(forA.body).toEqual(forNobody.body);
    const byAccount = await fetchToken(a, { provider: "google", account: "b-sub" });
    expect(byAccount.status).toBe(404);
    expect(byAccount.text).not.toContain("b@example.com");
    const summaryA = await (await summary(request("/ai/context/summary", { key: a.key }))).text();
    expect(summaryA).not.toContain("b@example.com");
  });

  it("a dashboard cookie never authenticates an agent route", async () => {
    const res = await summary(request("/ai/context/summary", { headers: { cookie: "authjs.session-token=anything; __Secure-authjs.session-token=x" } }));
    expect(res.status).toBe(401);
  });
});

describe("hostile input", () => {
  const hostile = ["../../etc/passwd", "google\u0000", "gооgle" /* Cyrillic о */, "GOOGLE", "google' OR '1'='1", "%2e%2e%2f", "<script>alert(1)</script>", "x".repeat(10_000)];
  for (const code of hostile) {
    it(`provider ${JSON.stringify(code.slice(0, 30))} → a clean 400 that does not echo it`, async () => {
      const a = await newAgent(db);
      for (const [route, path] of [[fetchTokenRoute, "/tokens/fetch"], [createSession, "/oauth/sessions"]] as const) {
        const res = await post(route, path, a.key, { provider: code });
        expect(res.status).toBe(400);
        expect(["UNKNOWN_PROVIDER", "INVALID_REQUEST"]).toContain(res.body.error?.code);
        if (code.length > 12) expect(res.text).not.toContain(code);
        expect(res.text).not.toMatch(STACK_OR_SQL);
      }
    });
  }

  it.each([
    ["array body", "[1,2,3]"],
    ["null body", "null"],
    ["string body", '"google"'],
    ["nested object as provider", '{"provider":{"$ne":null}}'],
    ["prototype pollution", '{"provider":"google","__proto__":{"admin":true}}'],
    ["deep nesting", `{"provider":"google","scopes":${"[".repeat(5000)}${"]".repeat(5000)}}`],
  ])("%s → 400 INVALID_REQUEST in the envelope", async (_, body) => {
    const a = await newAgent(db);
    const res = await fetchTokenRoute(request("/tokens/fetch", { method: "POST", key: a.key, body }));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "INVALID_REQUEST" } });
    expect(text).not.toMatch(STACK_OR_SQL);
  });

  it("a corrupted ciphertext answers a generic 500: no stack, no SQL, no secret; logged without secrets", async () => {
    const a = await newAgent(db);
    const row = await makeOAuthConnection(db, a.userId, "github", { label: "octo" });
    await db.update(connections).set({ accessTokenEnc: `${row.accessTokenEnc?.slice(0, -4)}AAAA` }).where(eq(connections.id, row.id));
    const res = await fetchToken(a, { provider: "github" });
    expect(res.status).toBe(500);
    expect(res.body.error?.code).toBe("INTERNAL_ERROR");
    expect(res.text).not.toMatch(STACK_OR_SQL);
    expect(logs?.text() ?? "").toMatch(/DecryptionError/);
  });

  it("a cross-origin POST to the dashboard's connect route is refused", async () => {
    const res = await dashboardConnect(request("/dashboard/connect/google", { method: "POST", headers: { origin: "https://evil.example" } }), params({ provider: "google" }));
    expect(res.status).toBe(403);
  });

  it("a callback with both code and error connects nothing", async () => {
    const a = await newAgent(db);
    const flow = await humanStartsFlow(a);
    const { callbackUrl } = await completeLoginAndConsent(flow.location, { login: "alice" });
    const url = new URL(callbackUrl);
    url.searchParams.set("error", "access_denied");
    await runCallback(url.href, flow.cookie);
    const [s] = await db.select().from(connectSessions).where(eq(connectSessions.id, flow.sessionId));
    expect(s?.status).toBe("failed");
    expect((await fetchToken(a)).status).toBe(404);
  });
});

describe("secret canary", () => {
  it("no secret appears in logs, error bodies or audit rows across the flow, refresh and failures", async () => {
    const a = await newAgent(db);
    const secrets = new Set<string>([CANARY_CLIENT_SECRET, CANARY_API_KEY, a.key]);
    const errorBodies: JsonAnswer[] = [];

    const { callbackUrl } = await connect(a);
    secrets.add(new URL(callbackUrl).searchParams.get("code") ?? "");
    const first = await fetchToken(a);
    secrets.add(String(first.body.accessToken));
    const connId = String(first.body.connectionId);
    const row = (await db.select().from(connections).where(eq(connections.id, connId)))[0];
    if (row) secrets.add(openRefreshToken(row) ?? "");

    await db.update(connections).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connections.id, connId));
    const refreshed = await fetchToken(a);
    secrets.add(String(refreshed.body.accessToken));

    await db.update(connections).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connections.id, connId));
    idp.setTokenEndpointFault("down");
    errorBodies.push(await fetchToken(a));
    await db.update(connections).set({ nextRefreshAt: null }).where(eq(connections.id, connId));
    errorBodies.push(await fetchToken(a, { provider: "google", scopes: ["never-granted"] }));
    idp.setTokenEndpointFault("invalid_grant");
    errorBodies.push(await fetchToken(a));

    const denied = await humanStartsFlow(a);
    const deniedCb = await completeLoginAndConsent(denied.location, { login: "alice", deny: true });
    await runCallback(deniedCb.callbackUrl, denied.cookie);

    const sessionId = String((await post(createSession, "/oauth/sessions", a.key, { provider: "openai" })).body.sessionId);
    const bad = await submitHostedCredentials(db, sessionId, { apiKey: `${CANARY_API_KEY}!` });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).not.toContain(CANARY_API_KEY);
    expect((await submitHostedCredentials(db, sessionId, { apiKey: CANARY_API_KEY })).ok).toBe(true);
    errorBodies.push(await post(fetchTokenRoute, "/tokens/fetch", tamperedKey(a.key), { provider: "openai" }));

    expect(errorBodies.map((r) => r.status)).toEqual([502, 403, 400, 401]);
    await flushWrites(); // token-fetch activity rows are batched
    const audit = JSON.stringify(await db.select().from(auditEvents).where(eq(auditEvents.userId, a.userId)));
    const sessions = JSON.stringify(await db.select().from(connectSessions).where(eq(connectSessions.userId, a.userId)));
    const logged = logs?.text() ?? "";
    // Failures above (provider down, invalid_grant, a denied consent) do log: an empty capture would prove nothing.
    expect(logged.length).toBeGreaterThan(0);
    const haystacks = { logs: logged, errorBodies: errorBodies.map((r) => r.text).join("\n"), audit, sessions };
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      for (const [where, text] of Object.entries(haystacks)) expect(text.includes(secret), `${secret.slice(0, 6)}… leaked into ${where}`).toBe(false);
    }
  });
});
