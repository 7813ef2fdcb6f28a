/**
 * Provider conformance (issue 16 item 3): for every OAuth provider, a local server built from
 * its fixture (lib/providers/conformance/oauth-fixtures.ts: the provider's documented token
 * answer, scope format, client authentication, identity call, refresh/rotation, error body and
 * revocation) and ONE generic walk through the real routes and the one engine:
 * connect → fetch → refresh → refused refresh → reconnect → disconnect with revoke.
 * A per-provider pass/fail line is printed at the end.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { findConnectionById } from "@/db/queries/connections";
import { connections } from "@/db/schema";
import { openRefreshToken } from "@/lib/connections/connection-secrets";
import { disconnectConnection } from "@/lib/connections/disconnect-connection";
import { resetEnvCache } from "@/lib/env";
import { oauthEnvVarNames, providers, type OAuthProvider } from "@/lib/providers";
import { oauthFixtures } from "@/lib/providers/conformance/oauth-fixtures";
import { BASE, fetchToken, humanStartsFlow, newAgent, runCallback, type Agent } from "@/lib/testing/agent-flow";
import { CLIENT_ID, CLIENT_SECRET, startConformanceServer, type ConformanceServer } from "@/lib/testing/conformance-server";
import { testDb } from "@/lib/testing/fixtures";

const oauthProviders = providers.filter((p): p is OAuthProvider => p.authType === "oauth2");
const results = new Map<string, string>();
let db: Db;

beforeAll(async () => {
  db = await testDb();
});
afterAll(() => {
  const lines = oauthProviders.map((p) => `${results.get(p.code)?.startsWith("pass") ? "PASS" : "FAIL"}  ${p.code.padEnd(10)} ${results.get(p.code) ?? "not run"}`);
  console.log(`\nOAuth provider conformance (${oauthProviders.length} providers)\n${lines.join("\n")}\n`);
});

function pointAt(p: OAuthProvider, server: ConformanceServer) {
  const names = oauthEnvVarNames(p.code);
  Object.assign(process.env, {
    [names.clientId]: CLIENT_ID,
    [names.clientSecret]: CLIENT_SECRET,
    [names.authorizationUrl]: `${server.base}/authorize`,
    [names.tokenUrl]: `${server.base}/token`,
    [names.userinfoUrl]: `${server.base}/me`,
    [names.revokeUrl]: p.code === "github" ? `${server.base}/applications/{clientId}/grant` : `${server.base}/revoke`,
  });
  resetEnvCache();
}

/** The human's part: hosted page → provider authorize (the fixture server) → the one callback. */
async function connectThrough(agent: Agent, p: OAuthProvider, server: ConformanceServer) {
  const flow = await humanStartsFlow(agent, { provider: p.code });
  const authorize = new URL(flow.location);
  const code = server.authorize(authorize);
  const callback = new URL(authorize.searchParams.get("redirect_uri") ?? "");
  callback.searchParams.set("code", code);
  callback.searchParams.set("state", authorize.searchParams.get("state") ?? "");
  const cb = await runCallback(callback.href, flow.cookie, p.code);
  expect(cb.location, "callback lands on the session page").toBe(`${BASE}/connect/${flow.sessionId}`);
}

const expire = (id: string) => db.update(connections).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connections.id, id));

it("every OAuth provider in the catalog has a conformance fixture", () => {
  expect(oauthProviders.filter((p) => !oauthFixtures[p.code]).map((p) => p.code)).toEqual([]);
});

describe.each(oauthProviders.map((p) => [p.code, p] as const))("%s conforms to its documentation", (code, p) => {
  it("connect → fetch → refresh → refused refresh → reconnect → disconnect with revoke", async () => {
    const fx = oauthFixtures[code];
    if (!fx) throw new Error(`no fixture for ${code}`);
    const server = await startConformanceServer(code, fx);
    let step = "connect";
    try {
      pointAt(p, server);
      const agent = await newAgent(db);
      await connectThrough(agent, p, server);
      expect(server.counts.codeGrants, "one code exchange").toBe(1);

      step = "fetch";
      const first = await fetchToken(agent, { provider: code });
      expect(first.status, first.text).toBe(200);
      expect(first.body.accessToken).toBe(server.current.access);
      expect(first.body.account).toMatchObject(fx.account);
      const connId = String(first.body.connectionId);
      const row = await findConnectionById(db, connId);
      const granted = server.current.scope.split(" ").filter(Boolean);
      expect(row?.scopes, "saved scopes").toEqual(granted.length > 0 ? granted : p.oauth.defaultScopes);
      const answer = fx.token.answer(server.current);
      if (typeof answer.expires_in === "number" || typeof (answer.authed_user as { expires_in?: unknown } | undefined)?.expires_in === "number") expect(row?.expiresAt, "expiry saved").toBeInstanceOf(Date);
      if (fx.metadata) expect(row?.metadata).toMatchObject(fx.metadata);

      step = "refresh";
      const before = server.current;
      await expire(connId);
      const refreshed = await fetchToken(agent, { provider: code });
      expect(refreshed.status, refreshed.text).toBe(200);
      expect(refreshed.body.accessToken).toBe(server.current.access);
      expect(refreshed.body.accessToken).not.toBe(before.access);
      const saved = await findConnectionById(db, connId);
      expect(saved && openRefreshToken(saved), fx.token.rotates ? "the rotated refresh token is kept" : "the old refresh token is kept").toBe(server.current.refresh);

      step = "refused refresh";
      server.refuseRefresh = true;
      await expire(connId);
      const refused = await fetchToken(agent, { provider: code });
      const kind = fx.token.refusal.kind ?? "rejected";
      expect(refused.status).toBe(kind === "rejected" ? 400 : 502);
      expect(refused.body.error?.code).toBe(kind === "rejected" ? "TOKEN_EXPIRED" : "PROVIDER_ERROR");
      expect(refused.body.error?.message, "the provider's own words reach the agent").toContain(fx.token.refusal.said);
      if (kind === "rejected") expect((await findConnectionById(db, connId))?.statusReason).toContain(fx.token.refusal.said);
      server.refuseRefresh = false;

      step = "reconnect";
      await connectThrough(agent, p, server);
      const again = await fetchToken(agent, { provider: code });
      expect(again.body.connectionId, "the same account is updated in place").toBe(connId);
      expect((await findConnectionById(db, connId))?.statusReason).toBeNull();

      step = "disconnect";
      const out = await disconnectConnection(db, agent.userId, connId);
      expect(out.deleted).toBe(true);
      expect(out.revocation, "the outcome shown to the human").toBe(fx.revocation ? "revoked" : "unsupported");
      expect(server.counts.revocations).toBe(fx.revocation ? 1 : 0);
      expect(server.problems, "requests the provider would refuse").toEqual([]);
      results.set(code, `pass (revocation: ${out.revocation})`);
    } catch (err) {
      results.set(code, `failed at ${step}: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}${server.problems.length ? ` [${server.problems.join("; ")}]` : ""}`);
      throw err;
    } finally {
      await server.stop();
    }
  });
});
