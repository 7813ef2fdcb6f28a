/**
 * POST /mcp through the official MCP SDK client (@modelcontextprotocol/client), in process
 * and over a real socket, against the real route, database and local OAuth server: both
 * protocol eras, the HTTP guards, parity of every tool with its REST twin, the whole connect
 * flow, gating of get_credential, secret canaries, and isolation between users.
 */
import { eq } from "drizzle-orm";
import type { CallToolResult, Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { flushWrites } from "@/db/write-batcher";
import { apiKeys, auditEvents, connections } from "@/db/schema";
import { GET as providerDocsRoute } from "@/app/ai/context/[provider]/route";
import { GET as serviceDocsRoute } from "@/app/ai/context/[provider]/[service]/route";
import { GET as summaryRoute } from "@/app/ai/context/summary/route";
import { GET as sessionStatusRoute } from "@/app/oauth/sessions/[sessionId]/route";
import { GET as mcpGet, POST as mcpPost, DELETE as mcpDelete } from "@/app/mcp/route";
import { revokeApiKey, setMcpReveal } from "@/lib/api-keys";
import { openRefreshToken } from "@/lib/connections/connection-secrets";
import { fetchToken, runCallback, startGoogleIdp, type Agent } from "@/lib/testing/agent-flow";
import { LinkBrowser } from "@/lib/testing/link-browser";
import { makeKey, makeOAuthConnection, makeUser, params, request, setKeyExpiry, testDb } from "@/lib/testing/fixtures";
import { mcpClient, MCP_URL, startMcpSocket, type Era } from "@/lib/testing/mcp-client";
import { completeLoginAndConsent } from "@/lib/testing/oidc-login";
import type { OidcServer } from "@/lib/testing/oidc-server";
import { awayFromWindowEdge } from "@/lib/testing/rate-window";

const CANARY_CLIENT_SECRET = "CANARY-mcp-client-secret-3b7e91";
const EXTRA_SCOPE = "https://www.googleapis.com/auth/contacts.readonly";
const TOOLS = ["list_connections", "get_provider_docs", "connect_provider", "get_connect_status", "call_provider_api", "read_provider_api"];
let db: Db;
let idp: OidcServer;
let socket: Awaited<ReturnType<typeof startMcpSocket>>;

beforeAll(async () => {
  db = await testDb();
  idp = await startGoogleIdp({ clientSecret: CANARY_CLIENT_SECRET, extraScopes: [EXTRA_SCOPE] });
  socket = await startMcpSocket();
});
afterAll(async () => {
  await socket?.close();
  await idp?.stop();
});

type Principal = Agent & { keyId: string };

async function newPrincipal(opts: { reveal?: boolean; providers?: string[] } = {}): Promise<Principal> {
  const user = await makeUser(db);
  const { key, row } = await makeKey(db, user.id, { providers: opts.providers });
  if (opts.reveal) await setMcpReveal(db, row.id, user.id, true);
  return { key, userId: user.id, keyId: row.id };
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function text(r: CallToolResult): string {
  return r.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

function raw(method: string, init: { key?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  const headers = new Headers({ accept: "application/json, text/event-stream", "content-type": "application/json", ...init.headers });
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  const req = new Request(MCP_URL, { method, headers, body: init.body });
  return method === "GET" ? mcpGet(req) : method === "DELETE" ? mcpDelete(req) : mcpPost(req);
}

const initialize = (version: string) => JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: version, capabilities: {}, clientInfo: { name: "raw-client", version: "1" } } });

async function restJson(route: (req: Request, ctx: { params: Promise<never> }) => Promise<Response>, path: string, key: string, p: Record<string, string> = {}) {
  const res = await route(request(path, { key, headers: { accept: "application/json" } }), params(p as never));
  return res.json() as Promise<unknown>;
}

describe("protocol eras", () => {
  it.each(["legacy", "modern"] as const)("%s client (in process and over a socket) lists the same tools in the same order", async (era: Era) => {
    const a = await newPrincipal();
    for (const url of [undefined, socket.url]) {
      const client = await mcpClient(a.key, { era, url });
      expect(client.getProtocolEra()).toBe(era);
      expect(client.getServerVersion()?.name).toBe("akhrot");
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(TOOLS);
      await client.close();
    }
  });

  it.each(["2025-06-18", "2025-11-25"])("answers a %s initialize handshake with that version and no session id", async (version) => {
    const a = await newPrincipal();
    const res = await raw("POST", { key: a.key, body: initialize(version) });
    expect(res.status).toBe(200);
    expect(res.headers.get("mcp-session-id")).toBeNull();
    expect(await res.text()).toContain(`"protocolVersion":"${version}"`);
  });
});

describe("HTTP guards", () => {
  it("401 with WWW-Authenticate for missing, malformed, unknown, revoked and expired keys (OAuth metadata only without an akh_ key)", async () => {
    const revoked = await newPrincipal();
    await revokeApiKey(db, revoked.keyId);
    const expired = await newPrincipal();
    await setKeyExpiry(db, expired.keyId, new Date(Date.now() - 1000));
    const unknown = `akh_${"A".repeat(49)}`;
    const metadata = 'resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource/mcp", scope="mcp"';
    const challenges: [string | undefined, string][] = [
      [undefined, `Bearer ${metadata}`],
      ["not-a-key", `Bearer ${metadata}, error="invalid_token"`],
      // A client that holds a key is not pointed at OAuth: it might drop its header for an OAuth flow.
      [unknown, 'Bearer realm="akhrot"'],
      [revoked.key, 'Bearer realm="akhrot"'],
      [expired.key, 'Bearer realm="akhrot"'],
    ];
    for (const [key, challenge] of challenges) {
      const res = await raw("POST", { key, body: initialize("2025-11-25") });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe(challenge);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    }
    await expect(mcpClient(revoked.key)).rejects.toThrow(/UNAUTHORIZED/);
    await expect(mcpClient(null, { era: "modern" })).rejects.toThrow(/requires authorization \(HTTP 401\)/);
  });

  it("GET and DELETE answer 405; a foreign Origin 403; this instance's Origin or none passes", async () => {
    const a = await newPrincipal();
    expect((await raw("GET", { key: a.key })).status).toBe(405);
    expect((await raw("DELETE", { key: a.key })).status).toBe(405);
    for (const origin of ["https://evil.example", "http://localhost:3001", "null"]) {
      expect((await raw("POST", { key: a.key, headers: { origin }, body: initialize("2025-11-25") })).status).toBe(403);
    }
    expect((await raw("POST", { key: a.key, headers: { origin: "http://localhost:3000" }, body: initialize("2025-11-25") })).status).toBe(200);
  });

  it("refuses a body over 64 KB before parsing it", async () => {
    const a = await newPrincipal();
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { pad: "x".repeat(70_000) } });
    expect((await raw("POST", { key: a.key, body })).status).toBe(413);
  });

  it("a modern tools/call without Mcp-Name is a 400 header error", async () => {
    const a = await newPrincipal();
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "list_connections", arguments: {} } });
    const res = await raw("POST", { key: a.key, headers: { "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call" }, body });
    expect(res.status).toBe(400);
  });

  it("rate limits per key through the REST limiter: 429 RATE_LIMITED with Retry-After", async () => {
    const { resetEnvCache } = await import("@/lib/env");
    const { resetLimiter } = await import("@/lib/ratelimit");
    process.env.RATE_LIMIT_PER_MINUTE = "2";
    resetEnvCache();
    resetLimiter();
    try {
      const a = await newPrincipal();
      await awayFromWindowEdge();
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 3; i++) {
        last = await raw("POST", { key: a.key, body: initialize("2025-11-25") });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(Number(last?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    } finally {
      delete process.env.RATE_LIMIT_PER_MINUTE;
      resetEnvCache();
      resetLimiter();
    }
  }, 90_000); // may wait up to 20 s for a fresh limiter window
});

describe("tools match their REST twins", () => {
  it("list_connections = GET /ai/context/summary, for an open and a restricted key, in both eras", async () => {
    const user = await makeUser(db);
    await makeOAuthConnection(db, user.id, "google", { label: "me@example.test", scopes: ["openid"] });
    await makeOAuthConnection(db, user.id, "github", { label: "octo" });
    const open = (await makeKey(db, user.id)).key;
    const narrow = (await makeKey(db, user.id, { providers: ["github"] })).key;
    for (const key of [open, narrow]) {
      const rest = await restJson(summaryRoute, "/ai/context/summary", key);
      const restMarkdown = await (await summaryRoute(request("/ai/context/summary", { key }), params({} as never))).text();
      for (const era of ["legacy", "modern"] as const) {
        const client = await mcpClient(key, { era });
        const r = await call(client, "list_connections");
        expect(r.isError).toBeFalsy();
        expect(r.structuredContent).toEqual(rest);
        expect(text(r)).toBe(restMarkdown);
        await client.close();
      }
    }
    const narrowClient = await mcpClient(narrow);
    expect(JSON.stringify((await call(narrowClient, "list_connections")).structuredContent)).not.toContain("me@example.test");
    const forbidden = await call(narrowClient, "get_provider_docs", { provider: "google" });
    expect(forbidden.isError).toBe(true);
    expect(text(forbidden)).toMatch(/^FORBIDDEN: .*\nNext: Call list_connections/);
  });

  it("get_provider_docs = GET /ai/context/{provider}[/{service}]", async () => {
    const a = await newPrincipal();
    await makeOAuthConnection(db, a.userId, "google", { label: "docs@example.test", scopes: ["openid"] });
    const client = await mcpClient(a.key);
    expect((await call(client, "get_provider_docs", { provider: "google" })).structuredContent).toEqual(await restJson(providerDocsRoute, "/ai/context/google", a.key, { provider: "google" }));
    expect((await call(client, "get_provider_docs", { provider: "google", service: "gmail" })).structuredContent).toEqual(
      await restJson(serviceDocsRoute, "/ai/context/google/gmail", a.key, { provider: "google", service: "gmail" }),
    );
    const unknown = await call(client, "get_provider_docs", { provider: "gogle" });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toMatch(/^UNKNOWN_PROVIDER: /);
    const badArgs = await call(client, "get_provider_docs", { provider: "Not A Code!" });
    expect(badArgs.isError).toBe(true);
  });

  it("connect → human finishes at the OAuth server → get_connect_status completed → get_credential = POST /tokens/fetch; audited as mcp", async () => {
    const a = await newPrincipal({ reveal: true });
    // Modern requests carry clientInfo on every call; 2025-era ones only at initialize (see the User-Agent test).
    const client = await mcpClient(a.key, { name: "claude-code-test", era: "modern" });
    const created = await call(client, "connect_provider", { provider: "google" });
    expect(created.isError).toBeFalsy();
    const { sessionId, url } = created.structuredContent as { sessionId: string; url: string };
    expect(url).toBe(`http://localhost:3000/connect/${sessionId}`);
    expect(text(created)).toContain("sign in to Akhrot as the owner of this key");

    expect((await call(client, "get_connect_status", { sessionId })).structuredContent).toMatchObject({ sessionId, status: "pending", provider: "google" });
    const human = await new LinkBrowser().signIn({ id: a.userId });
    await human.open(sessionId);
    const start = await human.start(sessionId);
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith("akh_cb_"))?.split(";")[0] ?? "";
    const { callbackUrl } = await completeLoginAndConsent(start.headers.get("location") ?? "", { login: "alice" });
    expect((await runCallback(callbackUrl, cookie)).status).toBe(303);

    const status = await call(client, "get_connect_status", { sessionId, waitSeconds: 2 });
    expect(status.structuredContent).toMatchObject({ sessionId, status: "completed" });
    expect(status.structuredContent).toEqual(await restJson(sessionStatusRoute, `/oauth/sessions/${sessionId}`, a.key, { sessionId }));

    const credential = await call(client, "get_credential", { provider: "google" });
    expect(credential.isError).toBeFalsy();
    const rest = await fetchToken(a);
    expect(credential.structuredContent).toEqual(rest.body);
    expect(await idp.accessTokenWorks(String((credential.structuredContent as { accessToken: string }).accessToken))).toBe(true);

    const scope = await call(client, "get_credential", { provider: "google", scopes: [EXTRA_SCOPE] });
    expect(scope.isError).toBe(true);
    expect(text(scope)).toContain(`INSUFFICIENT_SCOPE`);
    expect(JSON.parse(scope.content[1]?.type === "text" ? scope.content[1].text : "{}")).toMatchObject({ code: "INSUFFICIENT_SCOPE", missingScopes: [EXTRA_SCOPE] });
    expect(text(scope)).toContain(`connect_provider {"provider":"google","scopes":["${EXTRA_SCOPE}"]}`);

    await flushWrites();
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.userId, a.userId));
    const mcpCalls = rows.filter((r) => r.action === "mcp.call");
    expect(mcpCalls.map((r) => r.detail.tool).sort()).toEqual(["connect_provider", "get_connect_status", "get_connect_status", "get_credential", "get_credential"]);
    expect(mcpCalls.every((r) => r.detail.channel === "mcp" && r.detail.client === "claude-code-test" && r.apiKeyId === a.keyId)).toBe(true);
    // The refused get_credential is an mcp.call failure row with its code; token.fetch rows record what was handed out.
    expect(mcpCalls.filter((r) => r.outcome === "failure").map((r) => [r.detail.tool, r.detail.error])).toEqual([["get_credential", "INSUFFICIENT_SCOPE"]]);
    const fetches = rows.filter((r) => r.action === "token.fetch" && r.detail.channel === "mcp");
    expect(fetches.map((r) => r.outcome)).toEqual(["success"]);
  });

  it("errors name the code and the next tool: INTEGRATION_NOT_FOUND, TOKEN_EXPIRED", async () => {
    const a = await newPrincipal({ reveal: true });
    await makeOAuthConnection(db, a.userId, "github", { status: "needs_reauth" });
    const client = await mcpClient(a.key, { headers: { "user-agent": "legacy-agent/2.0" } });
    const missing = await call(client, "get_credential", { provider: "google" });
    expect(text(missing)).toMatch(/^INTEGRATION_NOT_FOUND: .*\nNext: Call connect_provider \{"provider":"google"\}/s);
    const reauth = await call(client, "get_credential", { provider: "github" });
    expect(text(reauth)).toMatch(/^TOKEN_EXPIRED: /);
    expect(text(reauth)).toContain('connect_provider {"provider":"github"}');
    // A 2025-era tools/call (stateless: no initialize on this request) is named by its User-Agent.
    await flushWrites();
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.userId, a.userId));
    expect(rows.filter((r) => r.action === "mcp.call").map((r) => [r.detail.tool, r.detail.client, r.detail.error, r.outcome])).toEqual(
      expect.arrayContaining([
        ["get_credential", "legacy-agent/2.0", "INTEGRATION_NOT_FOUND", "failure"],
        ["get_credential", "legacy-agent/2.0", "TOKEN_EXPIRED", "failure"],
      ]),
    );
  });
});

describe("get_credential is opt-in per key", () => {
  it("absent from tools/list and refused without the opt-in; present with it; Telegram never revealed", async () => {
    const plain = await newPrincipal();
    await makeOAuthConnection(db, plain.userId, "github");
    const client = await mcpClient(plain.key);
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain("get_credential");
    const refused = await call(client, "get_credential", { provider: "github" }).catch((e: unknown) => e);
    expect(JSON.stringify(refused, Object.getOwnPropertyNames(refused))).toMatch(/get_credential/);
    expect(JSON.stringify(refused)).not.toMatch(/at-[0-9A-Za-z]{16}/);

    await setMcpReveal(db, plain.keyId, plain.userId, true);
    const revealing = await mcpClient(plain.key, { era: "modern" });
    expect((await revealing.listTools()).tools.map((t) => t.name)).toEqual([...TOOLS, "get_credential"]);
    expect((await call(revealing, "get_credential", { provider: "github" })).isError).toBeFalsy();
    const telegram = await call(revealing, "get_credential", { provider: "telegram" });
    expect(text(telegram)).toMatch(/^INVALID_REQUEST: Telegram sessions are not revealed over MCP/);
  });
});

describe("secrets and isolation", () => {
  it("no refresh token, client secret, Akhrot key or authorization code appears in any MCP response or audit row", async () => {
    const a = await newPrincipal({ reveal: true });
    const transcript: string[] = [];
    const client = await mcpClient(a.key, { transcript });
    const created = await call(client, "connect_provider", { provider: "google" });
    const { sessionId } = created.structuredContent as { sessionId: string };
    const human = await new LinkBrowser().signIn({ id: a.userId });
    await human.open(sessionId);
    const start = await human.start(sessionId);
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith("akh_cb_"))?.split(";")[0] ?? "";
    const { callbackUrl } = await completeLoginAndConsent(start.headers.get("location") ?? "", { login: "alice" });
    await runCallback(callbackUrl, cookie);
    await call(client, "get_connect_status", { sessionId });
    await call(client, "get_credential", { provider: "google" });
    const [row] = await db.select().from(connections).where(eq(connections.userId, a.userId));
    if (!row) throw new Error("no connection");
    await db.update(connections).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connections.id, row.id));
    await call(client, "get_credential", { provider: "google" }); // refreshes at the provider
    await call(client, "list_connections");
    await call(client, "get_provider_docs", { provider: "google" });
    await call(client, "read_provider_api", { provider: "google", path: "http://169.254.169.254/latest/meta-data" });
    idp.setTokenEndpointFault("invalid_grant");
    await db.update(connections).set({ expiresAt: new Date(Date.now() - 1000), nextRefreshAt: null }).where(eq(connections.id, row.id));
    await call(client, "get_credential", { provider: "google" });
    idp.setTokenEndpointFault(null);

    const [fresh] = await db.select().from(connections).where(eq(connections.id, row.id));
    const secrets = [CANARY_CLIENT_SECRET, a.key, new URL(callbackUrl).searchParams.get("code") ?? "", openRefreshToken(row) ?? "", (fresh && openRefreshToken(fresh)) ?? ""];
    await flushWrites();
    const audit = JSON.stringify(await db.select().from(auditEvents).where(eq(auditEvents.userId, a.userId)));
    const everything = transcript.join("\n");
    expect(transcript.length).toBeGreaterThan(8);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(everything.includes(secret), `${secret.slice(0, 6)}… in an MCP response`).toBe(false);
      expect(audit.includes(secret), `${secret.slice(0, 6)}… in an audit row`).toBe(false);
    }
    expect(everything).not.toMatch(/"refreshToken"|client_secret|ciphertext/i);
  });

  it("two users' keys, 50 interleaved calls through one handler: each sees only its own data; another's session id reads as unknown", async () => {
    const a = await newPrincipal({ reveal: true });
    const b = await newPrincipal({ reveal: true });
    await makeOAuthConnection(db, a.userId, "github", { label: "alice-only" });
    await makeOAuthConnection(db, b.userId, "github", { label: "bob-only" });
    const [ca, cb] = await Promise.all([mcpClient(a.key), mcpClient(b.key, { era: "modern" })]);
    const tokenA = (await fetchToken(a, { provider: "github" })).body.accessToken;
    const tokenB = (await fetchToken(b, { provider: "github" })).body.accessToken;
    const calls = Array.from({ length: 50 }, (_, i) => {
      const [client, mine, theirs, token, other] = i % 2 ? [ca, "alice-only", "bob-only", tokenA, tokenB] : [cb, "bob-only", "alice-only", tokenB, tokenA];
      const tool = i % 4 < 2 ? call(client, "list_connections") : call(client, "get_credential", { provider: "github" });
      return tool.then((r) => {
        const seen = JSON.stringify(r);
        expect(seen.includes(theirs) || seen.includes(String(other))).toBe(false);
        expect(seen.includes(mine) || seen.includes(String(token))).toBe(true);
      });
    });
    await Promise.all(calls);

    const session = (await call(ca, "connect_provider", { provider: "google" })).structuredContent as { sessionId: string };
    const stolen = await call(cb, "get_connect_status", { sessionId: session.sessionId });
    const unknown = await call(cb, "get_connect_status", { sessionId: "cs_AAAAAAAAAAAAAAAAAAAAAA" });
    expect(stolen.isError).toBe(true);
    expect(stolen.content).toEqual(unknown.content);
    expect((await db.select().from(apiKeys).where(eq(apiKeys.id, a.keyId)))[0]?.mcpRevealCredentials).toBe(true);
  });
});
