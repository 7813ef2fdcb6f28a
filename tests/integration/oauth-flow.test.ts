/**
 * The OAuth heart against a REAL OAuth server (oidc-provider on 127.0.0.1, PKCE required,
 * refresh-token rotation, 0 clock tolerance) configured through the env overrides as `google`:
 * session → hosted page → provider login + consent → the one callback → /tokens/fetch →
 * refresh, rotation, concurrency, and every failure in the contract's codes.
 */
import { eq } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { findConnectionById } from "@/db/queries/connections";
import { connections, connectSessions } from "@/db/schema";
import * as oauthSessionsModule from "@/app/oauth/sessions/route";
import * as oauthSessionsSessionidModule from "@/app/oauth/sessions/[sessionId]/route";
import * as tokensFetchModule from "@/app/tokens/fetch/route";
import { BASE, connect, fetchToken, humanStartsFlow, newAgent as newAgentIn, post, runCallback, startGoogleIdp } from "@/lib/testing/agent-flow";
import { GET as cron } from "@/app/api/cron/refresh/route";
import { openRefreshToken } from "@/lib/connections/connection-secrets";
import { resetEnvCache } from "@/lib/env";
import { getProvider } from "@/lib/providers";
import { completeLoginAndConsent } from "@/lib/testing/oidc-login";
import type { OidcServer } from "@/lib/testing/oidc-server";
import { makeKey, makeUser, params, request, testDb } from "@/lib/testing/fixtures";
import { ensureFreshToken } from "@/lib/tokens/ensure-fresh-token";
import { checked } from "../support/openapi-check";

const { POST: createSession } = checked(oauthSessionsModule);
const { GET: sessionStatus } = checked(oauthSessionsSessionidModule);
const { POST: fetchTokenRoute } = checked(tokensFetchModule);

/** A scope the catalog does not request by default, for incremental consent. */
const EXTRA_SCOPE = "https://www.googleapis.com/auth/contacts.readonly";
let db: Db;
let idp: OidcServer;

beforeAll(async () => {
  db = await testDb();
  // Not in the catalog: the operator's extension list lets agents ask for it (S6).
  process.env.AKHROT_EXTRA_SCOPES_GOOGLE = EXTRA_SCOPE;
  idp = await startGoogleIdp({ extraScopes: [EXTRA_SCOPE] });
});
afterAll(async () => {
  delete process.env.AKHROT_EXTRA_SCOPES_GOOGLE;
  resetEnvCache();
  await idp?.stop();
});
beforeEach(() => {
  idp.setTokenEndpointFault(null);
  idp.resetCounts();
});

const newAgent = () => newAgentIn(db);

async function expireConnection(connectionId: string) {
  await db.update(connections).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connections.id, connectionId));
}

describe("connect flow through the hosted page", () => {
  it("session → provider login + consent → callback → fetched token works at the provider", async () => {
    const agent = await newAgent();
    const flow = await humanStartsFlow(agent);
    expect(flow.created.url).toBe(`${BASE}/connect/${flow.sessionId}`);
    const authorize = new URL(flow.location);
    expect(authorize.origin).toBe(new URL(idp.urls.authorization).origin);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${BASE}/oauth/callback/google`);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("state")?.length).toBeGreaterThanOrEqual(43);
    expect(flow.cookie).toMatch(/^akh_cb_/);

    const { callbackUrl } = await completeLoginAndConsent(flow.location, { login: "alice" });
    const cb = await runCallback(callbackUrl, flow.cookie);
    expect(cb.status).toBe(303);
    expect(cb.location).toBe(`${BASE}/connect/${flow.sessionId}`);

    const status = await sessionStatus(request(`/oauth/sessions/${flow.sessionId}`, { key: agent.key }), params({ sessionId: flow.sessionId }));
    const view = (await status.json()) as { status: string; connectionId: string };
    expect(view.status).toBe("completed");
    expect(view.connectionId).toMatch(/^conn_/);

    const token = await fetchToken(agent);
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ provider: "google", type: "oauth2", tokenType: "Bearer", account: { id: "alice", label: "alice@example.test" }, connectionId: view.connectionId });
    expect(await idp.accessTokenWorks(String(token.body.accessToken))).toBe(true);
    expect(idp.counts.codeGrants).toBe(1);
  });

  it("reconnecting the same account updates the connection in place", async () => {
    const agent = await newAgent();
    await connect(agent, "bob");
    const first = await fetchToken(agent);
    await connect(agent, "bob");
    const second = await fetchToken(agent);
    expect(second.body.connectionId).toBe(first.body.connectionId);
    expect(second.body.accessToken).not.toBe(first.body.accessToken);
    const rows = await db.select().from(connections).where(eq(connections.userId, agent.userId));
    expect(rows).toHaveLength(1);
  });

  it("several accounts: `account` selects one, otherwise the default (the first, until the person picks another)", async () => {
    const agent = await newAgent();
    await connect(agent, "carol");
    await connect(agent, "dave");
    expect((await fetchToken(agent)).body.account).toMatchObject({ id: "carol" });
    expect((await fetchToken(agent, { provider: "google", account: "carol@example.test" })).body.account).toMatchObject({ id: "carol" });
    const missing = await fetchToken(agent, { provider: "google", account: "eve" });
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe("INTEGRATION_NOT_FOUND");
    expect(missing.body.error?.message).toMatch(/carol@example\.test/);
  });
});

describe("callback attacks and failures", () => {
  it("a replayed callback makes no second code exchange", async () => {
    const agent = await newAgent();
    const { callbackUrl, cookie, cb } = await connect(agent);
    expect(cb.location).toMatch(/\/connect\/cs_/);
    const replay = await runCallback(callbackUrl, cookie);
    expect(replay.location).toBe(`${BASE}/connect/error?reason=unknown_state`);
    expect(idp.counts.codeGrants).toBe(1);
  });

  it("a double callback at the same instant makes exactly one code exchange", async () => {
    const agent = await newAgent();
    const flow = await humanStartsFlow(agent);
    const { callbackUrl } = await completeLoginAndConsent(flow.location, { login: "alice" });
    const results = await Promise.all([runCallback(callbackUrl, flow.cookie), runCallback(callbackUrl, flow.cookie)]);
    expect(results.filter((r) => r.location.includes("reason=unknown_state"))).toHaveLength(1);
    expect(idp.counts.codeGrants).toBe(1);
  });

  it.each([
    ["missing state", (u: URL) => u.searchParams.delete("state"), "reason=missing_state"],
    ["forged state", (u: URL) => u.searchParams.set("state", "forged-state-value"), "reason=unknown_state"],
    ["duplicated code", (u: URL) => u.searchParams.append("code", "x"), "reason=duplicate_parameters"],
  ])("%s is refused without a code exchange", async (_, tamper, reason) => {
    const agent = await newAgent();
    const flow = await humanStartsFlow(agent);
    const { callbackUrl } = await completeLoginAndConsent(flow.location, { login: "alice" });
    const url = new URL(callbackUrl);
    tamper(url);
    expect((await runCallback(url.href, flow.cookie)).location).toContain(reason);
    expect(idp.counts.codeGrants).toBe(0);
  });

  it("a callback from another browser (no binding cookie) matches nothing", async () => {
    const agent = await newAgent();
    const flow = await humanStartsFlow(agent);
    const { callbackUrl } = await completeLoginAndConsent(flow.location, { login: "alice" });
    expect((await runCallback(callbackUrl, "")).location).toContain("reason=unknown_state");
    expect((await runCallback(callbackUrl, flow.cookie)).location).toBe(`${BASE}/connect/${flow.sessionId}`);
  });

  it("a wrong `iss` fails the session", async () => {
    const agent = await newAgent();
    const flow = await humanStartsFlow(agent);
    const { callbackUrl } = await completeLoginAndConsent(flow.location, { login: "alice" });
    const url = new URL(callbackUrl);
    url.searchParams.set("iss", "https://evil.example");
    await runCallback(url.href, flow.cookie);
    const [s] = await db.select().from(connectSessions).where(eq(connectSessions.id, flow.sessionId));
    expect(s?.status).toBe("failed");
    expect(idp.counts.codeGrants).toBe(0);
  });

  it("access_denied is recorded as a failed session and shown to the human", async () => {
    const agent = await newAgent();
    const flow = await humanStartsFlow(agent);
    const { callbackUrl } = await completeLoginAndConsent(flow.location, { login: "alice", deny: true });
    expect(new URL(callbackUrl).searchParams.get("error")).toBe("access_denied");
    expect((await runCallback(callbackUrl, flow.cookie)).location).toBe(`${BASE}/connect/${flow.sessionId}`);
    const status = await sessionStatus(request(`/oauth/sessions/${flow.sessionId}`, { key: agent.key }), params({ sessionId: flow.sessionId }));
    expect(await status.json()).toMatchObject({ status: "failed", error: "access_denied" });
  });

  it("an expired session: SESSION_EXPIRED status for the agent, no exchange", async () => {
    const agent = await newAgent();
    const flow = await humanStartsFlow(agent);
    const { callbackUrl } = await completeLoginAndConsent(flow.location, { login: "alice" });
    await db.update(connectSessions).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(connectSessions.id, flow.sessionId));
    await runCallback(callbackUrl, flow.cookie);
    expect(idp.counts.codeGrants).toBe(0);
    const again = await flow.browser.start(flow.sessionId);
    expect(again.headers.get("location")).toBe(`${BASE}/connect/${flow.sessionId}`);
  });
});

describe("POST /tokens/fetch refresh", () => {
  it("refreshes an expired token; the new one works and the old refresh token is dead", async () => {
    const agent = await newAgent();
    await connect(agent);
    const before = await fetchToken(agent);
    const connId = String(before.body.connectionId);
    const row = await findConnectionById(db, connId);
    const oldRefresh = row ? openRefreshToken(row) : undefined;
    expect(oldRefresh).toBeTruthy();
    await expireConnection(connId);
    const after = await fetchToken(agent);
    expect(after.status).toBe(200);
    expect(after.body.accessToken).not.toBe(before.body.accessToken);
    expect(await idp.accessTokenWorks(String(after.body.accessToken))).toBe(true);
    expect(idp.counts.refreshGrants).toBe(1);
    const saved = await findConnectionById(db, connId);
    expect(saved && openRefreshToken(saved)).not.toBe(oldRefresh);
    // The provider rotated the refresh token: the old one is refused.
    const as = { issuer: idp.issuer, token_endpoint: idp.urls.token };
    const res = await oauth.refreshTokenGrantRequest(as, { client_id: idp.clientId }, oauth.ClientSecretBasic(idp.clientSecret), oldRefresh ?? "", { [oauth.allowInsecureRequests]: true });
    await expect(oauth.processRefreshTokenResponse(as, { client_id: idp.clientId }, res)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("does not refresh a token outside the margin", async () => {
    const agent = await newAgent();
    await connect(agent);
    await fetchToken(agent);
    await fetchToken(agent);
    expect(idp.counts.refreshGrants).toBe(0);
  });

  it("50 concurrent fetches of an expired token: one refresh at the provider, one token for all", async () => {
    const agent = await newAgent();
    await connect(agent);
    const connId = String((await fetchToken(agent)).body.connectionId);
    await expireConnection(connId);
    const results = await Promise.all(Array.from({ length: 50 }, () => fetchToken(agent)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(results.map((r) => r.body.accessToken)).size).toBe(1);
    expect(idp.counts.refreshGrants).toBe(1);
  });

  it("the database lease alone (no in-process coalescing, as across instances) still makes one refresh", async () => {
    const agent = await newAgent();
    await connect(agent);
    const connId = String((await fetchToken(agent)).body.connectionId);
    await expireConnection(connId);
    const google = getProvider("google");
    const row = await findConnectionById(db, connId);
    if (google?.authType !== "oauth2" || !row) throw new Error("setup");
    const results = await Promise.all(Array.from({ length: 10 }, () => ensureFreshToken(db, google, row, { coalesce: false })));
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(idp.counts.refreshGrants).toBe(1);
  });

  it("invalid_grant → TOKEN_EXPIRED and needs_reauth; later calls do not hit the provider", async () => {
    const agent = await newAgent();
    await connect(agent);
    const connId = String((await fetchToken(agent)).body.connectionId);
    await expireConnection(connId);
    idp.setTokenEndpointFault("invalid_grant");
    const res = await fetchToken(agent);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("TOKEN_EXPIRED");
    expect(res.body.error?.message).toMatch(/POST \/oauth\/sessions/);
    // The provider's own words reach the agent and the dashboard (issue 16 item 4).
    expect(res.body.error?.message).toContain("invalid_grant: Token has been expired or revoked.");
    expect((await findConnectionById(db, connId))?.status).toBe("needs_reauth");
    expect((await findConnectionById(db, connId))?.statusReason).toBe("Google refused to refresh the token: invalid_grant: Token has been expired or revoked.");
    idp.resetCounts();
    expect((await fetchToken(agent)).body.error?.code).toBe("TOKEN_EXPIRED");
    expect(idp.counts.tokenRequests).toBe(0);
  });

  it("provider down → PROVIDER_ERROR 502, credentials untouched, back-off spares the provider", async () => {
    const agent = await newAgent();
    await connect(agent);
    const connId = String((await fetchToken(agent)).body.connectionId);
    await expireConnection(connId);
    const before = await findConnectionById(db, connId);
    idp.setTokenEndpointFault("down");
    const res = await fetchToken(agent);
    expect(res.status).toBe(502);
    expect(res.body.error?.code).toBe("PROVIDER_ERROR");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const after = await findConnectionById(db, connId);
    expect(after?.accessTokenEnc).toBe(before?.accessTokenEnc);
    expect(after?.refreshTokenEnc).toBe(before?.refreshTokenEnc);
    expect(after?.status).toBe("active");
    const calls = idp.counts.tokenRequests;
    expect((await fetchToken(agent)).status).toBe(502);
    expect(idp.counts.tokenRequests).toBe(calls);
  });

  it("INSUFFICIENT_SCOPE lists the missing scopes; a new session asks for them on top of the grant", async () => {
    const agent = await newAgent();
    await connect(agent);
    const res = await fetchToken(agent, { provider: "google", scopes: ["openid", EXTRA_SCOPE] });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "INSUFFICIENT_SCOPE", missingScopes: [EXTRA_SCOPE] });
    const flow = await humanStartsFlow(agent, { provider: "google", scopes: [EXTRA_SCOPE] });
    const scope = new URL(flow.location).searchParams.get("scope")?.split(" ") ?? [];
    expect(scope).toContain(EXTRA_SCOPE);
    expect(scope).toContain("openid");
  });
});

describe("session and fetch errors", () => {
  it.each([
    [{ provider: "nope" }, 400, "UNKNOWN_PROVIDER"],
    [{ provider: "github" }, 503, "PROVIDER_NOT_CONFIGURED"],
  ])("POST /oauth/sessions %j → %i %s", async (body, status, code) => {
    const agent = await newAgent();
    const res = await post(createSession, "/oauth/sessions", agent.key, body);
    expect(res.status).toBe(status);
    expect(res.body.error?.code).toBe(code);
    if (code === "PROVIDER_NOT_CONFIGURED") expect(res.body.error?.message).toMatch(/OAUTH_GITHUB_CLIENT_ID and OAUTH_GITHUB_CLIENT_SECRET/);
  });

  it("FORBIDDEN when the key's allow-list excludes the provider", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id, { providers: ["github"] });
    const res = await post(createSession, "/oauth/sessions", key, { provider: "google" });
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe("FORBIDDEN");
    expect((await post(fetchTokenRoute, "/tokens/fetch", key, { provider: "google" })).body.error?.code).toBe("FORBIDDEN");
  });

  it("INTEGRATION_NOT_FOUND tells the agent the next call", async () => {
    const agent = await newAgent();
    const res = await fetchToken(agent);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: "INTEGRATION_NOT_FOUND", message: 'google is not connected. Create a connect session: POST /oauth/sessions {"provider":"google"}', provider: "google" });
  });

  it("another user's session answers 404 like a missing one", async () => {
    const a = await newAgent();
    const b = await newAgent();
    const created = await post(createSession, "/oauth/sessions", a.key, { provider: "google" });
    const sessionId = String(created.body.sessionId);
    const theirs = await sessionStatus(request(`/oauth/sessions/${sessionId}`, { key: b.key }), params({ sessionId }));
    const missing = await sessionStatus(request("/oauth/sessions/cs_0000000000000000000000", { key: b.key }), params({ sessionId: "cs_0000000000000000000000" }));
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual(await missing.json());
  });
});

describe("GET /api/cron/refresh (proactive refresh)", () => {
  async function connectedExpiringIn(ms: number) {
    const agent = await newAgent();
    await connect(agent);
    const connId = String((await fetchToken(agent)).body.connectionId);
    await db.update(connections).set({ expiresAt: new Date(Date.now() + ms) }).where(eq(connections.id, connId));
    return connId;
  }

  it("refuses without the cron secret", async () => {
    process.env.CRON_SECRET = "cron-secret-0123456789";
    resetEnvCache();
    expect((await cron(request("/api/cron/refresh"))).status).toBe(401);
    expect((await cron(request("/api/cron/refresh", { headers: { authorization: "Bearer wrong-secret-000000" } }))).status).toBe(401);
  });

  it("refreshes soon-expiring connections once; skips dead and backing-off ones", async () => {
    process.env.CRON_SECRET = "cron-secret-0123456789";
    resetEnvCache();
    const soon = await connectedExpiringIn(7 * 60_000); // inside 2× the 5-minute margin
    const dead = await connectedExpiringIn(60_000);
    await db.update(connections).set({ status: "needs_reauth" }).where(eq(connections.id, dead));
    const backingOff = await connectedExpiringIn(60_000);
    await db.update(connections).set({ nextRefreshAt: new Date(Date.now() + 60_000) }).where(eq(connections.id, backingOff));
    idp.resetCounts();
    // The cron sweeps the whole database; other test files may own rows too, so assert on ours.
    const res = await cron(request("/api/cron/refresh", { headers: { authorization: "Bearer cron-secret-0123456789" } }));
    expect(res.status).toBe(200);
    expect((await res.json()) as { refreshed: number }).toMatchObject({ refreshed: expect.any(Number) });
    const refreshed = (await findConnectionById(db, soon))?.refreshedAt;
    expect(refreshed).toBeInstanceOf(Date);
    expect((await findConnectionById(db, dead))?.refreshedAt).toBeNull();
    expect((await findConnectionById(db, backingOff))?.refreshedAt).toBeNull();
    const grants = idp.counts.refreshGrants;
    await cron(request("/api/cron/refresh", { headers: { authorization: "Bearer cron-secret-0123456789" } }));
    expect((await findConnectionById(db, soon))?.refreshedAt).toEqual(refreshed); // fresh now: not refreshed again
    expect(idp.counts.refreshGrants).toBe(grants);
  });

  it("drops the encrypted state of sessions abandoned over an hour ago, and only those", async () => {
    process.env.CRON_SECRET = "cron-secret-0123456789";
    resetEnvCache();
    const agent = await newAgent();
    const abandoned = await humanStartsFlow(agent);
    const recent = await humanStartsFlow(agent); // expired 10 minutes ago: inside the grace
    const live = await humanStartsFlow(agent);
    await db.update(connectSessions).set({ expiresAt: new Date(Date.now() - 2 * 3600_000) }).where(eq(connectSessions.id, abandoned.sessionId));
    await db.update(connectSessions).set({ expiresAt: new Date(Date.now() - 10 * 60_000) }).where(eq(connectSessions.id, recent.sessionId));
    const res = await cron(request("/api/cron/refresh", { headers: { authorization: "Bearer cron-secret-0123456789" } }));
    expect((await res.json()) as { sessionsCleared: number }).toMatchObject({ sessionsCleared: expect.any(Number) });
    const secretsOf = async (id: string) => {
      const [row] = await db.select().from(connectSessions).where(eq(connectSessions.id, id));
      return [row?.codeVerifierEnc !== null, row?.stateHash !== null];
    };
    expect(await secretsOf(abandoned.sessionId)).toEqual([false, false]);
    expect(await secretsOf(recent.sessionId)).toEqual([true, true]);
    expect(await secretsOf(live.sessionId)).toEqual([true, true]);
    // The live one still completes.
    const { callbackUrl } = await completeLoginAndConsent(live.location, { login: "alice" });
    expect((await runCallback(callbackUrl, live.cookie)).status).toBe(303);
  });
});
