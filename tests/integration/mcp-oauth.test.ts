/**
 * Issue 14 phase 2: OAuth for MCP clients, end to end through the real routes and database with
 * the official MCP SDK client's own OAuth support (what claude.ai/ChatGPT connectors do):
 * 401 → RFC 9728 metadata → RFC 8414 metadata → dynamic registration → authorization with PKCE
 * and the resource indicator → a signed-in human's consent → code → token → tools/call; then
 * refresh (rotation), a token for another resource, a revoked grant, deny, CSRF, and two users.
 */
import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { CallToolResult, Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { flushWrites } from "@/db/write-batcher";
import { apiKeys, auditEvents, mcpOauthModels } from "@/db/schema";
import { revokeApiKey } from "@/lib/api-keys";
import { mcpOauthProvider, mcpResource } from "@/lib/mcp-oauth/provider";
import { makeOAuthConnection, makeUser, testDb } from "@/lib/testing/fixtures";
import { appFetch, authorizeAndConnect, ConsentBrowser, MCP_OAUTH_URL, TestConnector, REDIRECT_URI } from "@/lib/testing/mcp-oauth";
import { TEST_BASE } from "@/lib/testing/test-origin";
import { callerFor } from "@/lib/testing/trpc-caller";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await flushWrites();
});

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

async function rawMcp(token: string): Promise<Response> {
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } } });
  return appFetch(MCP_OAUTH_URL, { method: "POST", headers: { authorization: `Bearer ${token}`, accept: "application/json, text/event-stream", "content-type": "application/json" }, body });
}

async function tokenRequest(form: Record<string, string>): Promise<Response> {
  return appFetch(`${TEST_BASE}/oauth2/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
}

async function grantRow(userId: string) {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.userId, userId));
  return rows.filter((r) => r.mcpGrantId !== null);
}

describe("discovery", () => {
  it("401 names the absolute RFC 9728 metadata URL, which names this origin's RFC 8414 metadata", async () => {
    const res = await appFetch(MCP_OAUTH_URL, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(`Bearer resource_metadata="${TEST_BASE}/.well-known/oauth-protected-resource/mcp", scope="mcp"`);
    for (const path of ["/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource"]) {
      const prm = (await (await appFetch(`${TEST_BASE}${path}`)).json()) as Record<string, unknown>;
      expect(prm).toMatchObject({ resource: `${TEST_BASE}/mcp`, authorization_servers: [TEST_BASE], scopes_supported: ["mcp"], bearer_methods_supported: ["header"] });
    }
    const as = (await (await appFetch(`${TEST_BASE}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(as).toMatchObject({
      issuer: TEST_BASE,
      authorization_endpoint: `${TEST_BASE}/oauth2/authorize`,
      token_endpoint: `${TEST_BASE}/oauth2/token`,
      registration_endpoint: `${TEST_BASE}/oauth2/register`,
      code_challenge_methods_supported: ["S256"],
      response_types_supported: ["code"],
      client_id_metadata_document_supported: true,
      authorization_response_iss_parameter_supported: true,
    });
  });
});

describe("the SDK client's OAuth flow", () => {
  it("registers, gets consent from the signed-in human, and calls tools as that human", async () => {
    const user = await makeUser(db);
    await makeOAuthConnection(db, user.id, "github");
    const provider = new TestConnector("Claude (test)");
    const client = await authorizeAndConnect(provider, user);
    expect(provider.saved?.access_token).toBeTruthy();
    expect(provider.saved?.refresh_token).toBeTruthy();
    expect(provider.saved?.expires_in).toBe(3600);

    const tools = (await client.listTools()).tools.map((t) => t.name);
    expect(tools).toContain("list_connections");
    expect(tools).not.toContain("get_credential");
    const listed = await call(client, "list_connections");
    expect(listed.isError).toBeFalsy();
    expect(JSON.stringify(listed.structuredContent)).toContain("github");
    await client.close();

    // The grant is on the keys page: the client's name, its redirect host, last used; the activity row says mcp and the client.
    await flushWrites();
    const keys = await callerFor(db, user.id).apiKeys.list();
    const grant = keys.find((k) => k.oauthClientHost !== null);
    expect(grant).toMatchObject({ name: "Claude (test)", masked: "OAuth · 127.0.0.1:33418", providers: null, revokedAt: null, oauthClientHost: "127.0.0.1:33418" });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.userId, user.id));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["mcp.grant", "mcp.call"]));
    const mcpCall = events.find((e) => e.action === "mcp.call");
    expect(mcpCall).toMatchObject({ apiKeyId: grant?.id, detail: expect.objectContaining({ channel: "mcp", client: "Claude (test)", tool: "list_connections" }) });

    // Nothing usable at rest: no token value appears in the authorization server's table.
    const stored = JSON.stringify(await db.select().from(mcpOauthModels));
    expect(stored).not.toContain(provider.saved?.access_token ?? "?");
    expect(stored).not.toContain(provider.saved?.refresh_token ?? "?");
  });

  it("holds the client to the providers the human chose", async () => {
    const user = await makeUser(db);
    await makeOAuthConnection(db, user.id, "github");
    await makeOAuthConnection(db, user.id, "google");
    const client = await authorizeAndConnect(new TestConnector(), user, { decision: "allow", access: "some", providers: ["github"] });
    const summary = JSON.stringify((await call(client, "list_connections")).structuredContent);
    expect(summary).toContain("github");
    const docs = await call(client, "get_provider_docs", { provider: "google" });
    expect(docs.isError).toBe(true);
    expect(JSON.stringify(docs.content)).toContain("FORBIDDEN");
    expect((await grantRow(user.id))[0]?.providers).toEqual(["github"]);
    await client.close();
  });

  it("refreshes with rotation: the new access token works, the old refresh token is refused", async () => {
    const user = await makeUser(db);
    const provider = new TestConnector();
    (await authorizeAndConnect(provider, user)).close();
    const first = provider.saved;
    const clientId = provider.client?.client_id ?? "";
    const refreshed = await tokenRequest({ grant_type: "refresh_token", refresh_token: first?.refresh_token ?? "", client_id: clientId, resource: `${TEST_BASE}/mcp` });
    expect(refreshed.status).toBe(200);
    const tokens = (await refreshed.json()) as { access_token: string; refresh_token: string };
    expect(tokens.refresh_token).not.toBe(first?.refresh_token);
    expect((await rawMcp(tokens.access_token)).status).toBe(200);
    const replay = await tokenRequest({ grant_type: "refresh_token", refresh_token: first?.refresh_token ?? "", client_id: clientId });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe("invalid_grant");
  });

  it("refuses a token issued for another resource, and will not issue one", async () => {
    const user = await makeUser(db);
    const provider = new TestConnector();
    (await authorizeAndConnect(provider, user)).close();
    const [row] = await grantRow(user.id);
    // Another Akhrot origin's authorization server (same database) mints a token for ITS /mcp under the same grant.
    const other = await mcpOauthProvider("https://other.example");
    const OtherToken = (other as unknown as { AccessToken: new (init: Record<string, unknown>) => { save(): Promise<string> } }).AccessToken;
    const foreign = await new OtherToken({ accountId: user.id, clientId: provider.client?.client_id, grantId: row?.mcpGrantId, aud: mcpResource("https://other.example"), scope: "mcp" }).save();
    const refused = await rawMcp(foreign);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
    // Asking this server for a token for another resource fails at the authorization endpoint.
    const { challenge } = pkcePair();
    const url = new URL(`${TEST_BASE}/oauth2/authorize`);
    url.search = new URLSearchParams({ client_id: provider.client?.client_id ?? "", response_type: "code", redirect_uri: REDIRECT_URI, code_challenge: challenge, code_challenge_method: "S256", scope: "mcp", resource: "https://other.example/mcp", state: "s" }).toString();
    const res = await new ConsentBrowser().request(url.href);
    const back = new URL(res.headers.get("location") ?? "", TEST_BASE);
    expect(back.searchParams.get("error")).toBe("invalid_target");
    // A refresh token is not an access token.
    expect((await rawMcp(provider.saved?.refresh_token ?? "")).status).toBe(401);
  });

  it("Revoke on the keys page ends the grant: access and refresh tokens stop working", async () => {
    const user = await makeUser(db);
    const provider = new TestConnector();
    (await authorizeAndConnect(provider, user)).close();
    const [row] = await grantRow(user.id);
    expect((await rawMcp(provider.saved?.access_token ?? "")).status).toBe(200);
    await callerFor(db, user.id).apiKeys.revoke({ id: row?.id ?? "" });
    expect((await rawMcp(provider.saved?.access_token ?? "")).status).toBe(401);
    const refresh = await tokenRequest({ grant_type: "refresh_token", refresh_token: provider.saved?.refresh_token ?? "", client_id: provider.client?.client_id ?? "" });
    expect(((await refresh.json()) as { error: string }).error).toBe("invalid_grant");
  });

  it("keeps two users apart: each token sees its own connections; one cannot revoke the other's grant", async () => {
    const alice = await makeUser(db);
    const bob = await makeUser(db);
    await makeOAuthConnection(db, alice.id, "github", { label: "alice-gh" });
    await makeOAuthConnection(db, bob.id, "github", { label: "bob-gh" });
    const a = await authorizeAndConnect(new TestConnector("A"), alice);
    const b = await authorizeAndConnect(new TestConnector("B"), bob);
    const [sa, sb] = await Promise.all([call(a, "list_connections"), call(b, "list_connections")]);
    expect(JSON.stringify(sa)).toContain("alice-gh");
    expect(JSON.stringify(sa)).not.toContain("bob-gh");
    expect(JSON.stringify(sb)).toContain("bob-gh");
    expect(JSON.stringify(sb)).not.toContain("alice-gh");
    const [bobGrant] = await grantRow(bob.id);
    expect((await callerFor(db, alice.id).apiKeys.list()).map((k) => k.id)).not.toContain(bobGrant?.id);
    await expect(callerFor(db, alice.id).apiKeys.revoke({ id: bobGrant?.id ?? "" })).rejects.toThrow(/No active key/);
    expect((await call(b, "list_connections")).isError).toBeFalsy();
    await a.close();
    await b.close();
  });

  it("revoking an agent key leaves akh_ keys and other grants alone (revoke is per row)", async () => {
    const user = await makeUser(db);
    const p1 = new TestConnector();
    const p2 = new TestConnector();
    (await authorizeAndConnect(p1, user)).close();
    (await authorizeAndConnect(p2, user)).close();
    const rows = await grantRow(user.id);
    expect(rows).toHaveLength(2);
    await revokeApiKey(db, rows[0]?.id ?? "", user.id);
    const statuses = await Promise.all([rawMcp(p1.saved?.access_token ?? ""), rawMcp(p2.saved?.access_token ?? "")]);
    expect(statuses.map((r) => r.status).sort()).toEqual([200, 401]);
  });
});

describe("the consent step", () => {
  async function startAuthorization(): Promise<{ provider: TestConnector; browser: ConsentBrowser; uid: string; user: { id: string } }> {
    const provider = new TestConnector("Consent test");
    const user = await makeUser(db);
    const registered = await appFetch(`${TEST_BASE}/oauth2/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(provider.clientMetadata) });
    expect(registered.status).toBe(201);
    provider.client = (await registered.json()) as TestConnector["client"];
    const { challenge } = pkcePair();
    const url = new URL(`${TEST_BASE}/oauth2/authorize`);
    url.search = new URLSearchParams({ client_id: provider.client?.client_id ?? "", response_type: "code", redirect_uri: REDIRECT_URI, code_challenge: challenge, code_challenge_method: "S256", scope: "mcp", resource: `${TEST_BASE}/mcp`, state: "st" }).toString();
    const browser = await new ConsentBrowser().signIn(user);
    return { provider, browser, uid: await browser.openAuthorization(url), user };
  }

  it("Deny sends the client access_denied and creates no grant", async () => {
    const { browser, uid, user } = await startAuthorization();
    const before = (await grantRow(user.id)).length;
    const back = await browser.followToClient(await browser.answer(uid, user, { decision: "deny" }));
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("st");
    expect((await grantRow(user.id)).length).toBe(before);
  });

  it("refuses a cross-site post, a wrong token, another user's token, and a signed-out browser", async () => {
    const { browser, uid, user } = await startAuthorization();
    const intruder = await makeUser(db);
    expect((await browser.answer(uid, user, { decision: "allow", access: "all" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await browser.answer(uid, user, { decision: "allow", access: "all", csrf: "x".repeat(43) })).status).toBe(403);
    expect((await browser.answer(uid, intruder, { decision: "allow", access: "all" })).status).toBe(403);
    const signedOut = await new ConsentBrowser().answer(uid, user, { decision: "allow", access: "all" });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toBe(`${TEST_BASE}/sign-in?callbackUrl=${encodeURIComponent(`/oauth2/consent/${uid}`)}`);
    // None of those answered the request: the real answer still works, once.
    const ok = await browser.answer(uid, user, { decision: "allow", access: "all" });
    expect((await browser.followToClient(ok)).searchParams.get("code")).toBeTruthy();
    const again = await browser.answer(uid, user, { decision: "allow", access: "all" });
    expect(again.headers.get("location")).toBe(`${TEST_BASE}/oauth2/consent/${uid}`);
  });

  it("an approval posted from a browser that did not start the request yields no code there", async () => {
    const { uid, user } = await startAuthorization();
    const other = await new ConsentBrowser().signIn(user);
    const res = await other.answer(uid, user, { decision: "allow", access: "all" });
    const resume = await other.request(new URL(res.headers.get("location") ?? "", TEST_BASE).href);
    expect(resume.headers.get("location") ?? "").not.toContain("code=");
  });

  it("PKCE is required", async () => {
    const { provider } = await startAuthorization();
    const url = new URL(`${TEST_BASE}/oauth2/authorize`);
    url.search = new URLSearchParams({ client_id: provider.client?.client_id ?? "", response_type: "code", redirect_uri: REDIRECT_URI, scope: "mcp", state: "s" }).toString();
    const back = new URL((await new ConsentBrowser().request(url.href)).headers.get("location") ?? "", TEST_BASE);
    expect(back.searchParams.get("error")).toBe("invalid_request");
    expect(back.searchParams.get("error_description")).toMatch(/PKCE/);
  });
});
