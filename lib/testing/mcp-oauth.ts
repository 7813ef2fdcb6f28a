/**
 * An MCP client that authorizes with OAuth the way claude.ai or ChatGPT does, against the real
 * routes in process: the official SDK's OAuthClientProvider flow (RFC 9728 discovery from the
 * 401, RFC 8414 metadata, dynamic registration, PKCE, resource indicator, code exchange,
 * refresh) with every request going to Akhrot's own route handlers, and a "human" who holds a
 * real dashboard session cookie, opens the authorization URL, and answers the consent form the
 * page renders (POST /oauth2/consent with the token the page would embed).
 */
import { Client, StreamableHTTPClientTransport, UnauthorizedError, type OAuthClientProvider } from "@modelcontextprotocol/client";
import { MemoryOAuthProvider } from "./memory-oauth-provider";
import { GET as asMetadata } from "@/app/.well-known/oauth-authorization-server/route";
import { GET as prmRoot } from "@/app/.well-known/oauth-protected-resource/route";
import { GET as prmMcp } from "@/app/.well-known/oauth-protected-resource/mcp/route";
import { POST as consentPost } from "@/app/oauth2/consent/route";
import { GET as oauthGet, POST as oauthPost } from "@/app/oauth2/[...path]/route";
import { serveMcp } from "@/lib/mcp/serve-mcp";
import { consentCsrfToken } from "@/lib/mcp-oauth/grants";
import { mintSessionCookie, SESSION_COOKIE } from "./link-browser";
import { CookieJar } from "./oidc-login";
import { SAME_ORIGIN, TEST_BASE } from "./test-origin";

export const MCP_OAUTH_URL = `${TEST_BASE}/mcp`;
export const REDIRECT_URI = "http://127.0.0.1:33418/oauth/callback";

type Body = Parameters<typeof fetch>[1];

/** This instance's routes, dispatched by path: what a client on the network would reach. */
export async function appFetch(input: string | URL | Request, init?: Body): Promise<Response> {
  const req = input instanceof Request ? input : new Request(input, init);
  const { pathname } = new URL(req.url);
  if (pathname === "/mcp") return serveMcp(req);
  if (pathname === "/.well-known/oauth-protected-resource/mcp") return prmMcp(req);
  if (pathname === "/.well-known/oauth-protected-resource") return prmRoot(req);
  if (pathname === "/.well-known/oauth-authorization-server") return asMetadata(req);
  if (pathname === "/oauth2/consent" && req.method === "POST") return consentPost(req);
  if (pathname.startsWith("/oauth2/")) return req.method === "POST" ? oauthPost(req) : oauthGet(req);
  return new Response("not found", { status: 404 });
}

/** An in-memory connector registered with this suite's loopback redirect URI. */
export class TestConnector extends MemoryOAuthProvider {
  constructor(name = "Test MCP connector") {
    super(name, REDIRECT_URI);
  }
}

export function oauthTransport(provider: OAuthClientProvider): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(MCP_OAUTH_URL), { authProvider: provider, fetch: appFetch });
}

export async function connectWithOAuth(provider: OAuthClientProvider, name = "akhrot-oauth-test"): Promise<Client> {
  const client = new Client({ name, version: "1.0.0" });
  await client.connect(oauthTransport(provider));
  return client;
}

/** A browser of a signed-in dashboard user (or of nobody), with a cookie jar over the app's routes. */
export class ConsentBrowser {
  readonly jar = new CookieJar();

  async signIn(user: { id: string; email?: string }): Promise<this> {
    this.jar.setCookie(TEST_BASE, `${SESSION_COOKIE}=${await mintSessionCookie(user)}; Path=/; HttpOnly; SameSite=Lax`);
    return this;
  }

  /** One request with this browser's cookies, no redirect followed. */
  async request(url: string, init: { method?: string; headers?: Record<string, string>; body?: URLSearchParams } = {}): Promise<Response> {
    const cookie = this.jar.header(url);
    const res = await appFetch(url, { method: init.method ?? "GET", headers: { ...(cookie ? { cookie } : {}), ...init.headers }, body: init.body, redirect: "manual" });
    this.jar.store(url, res);
    return res;
  }

  /** Open the authorization URL; returns the consent page's interaction id. */
  async openAuthorization(url: URL): Promise<string> {
    const res = await this.request(url.href);
    const location = res.headers.get("location") ?? "";
    const uid = /^\/oauth2\/consent\/([A-Za-z0-9_-]+)$/.exec(location)?.[1];
    if (res.status !== 303 || !uid) throw new Error(`authorization did not lead to the consent page: ${res.status} ${location} ${await res.text()}`);
    return uid;
  }

  /** Post the consent form as the page would (override fields or headers to attack it). */
  async answer(uid: string, user: { id: string } | null, fields: Record<string, string | string[]>, headers: Record<string, string> = SAME_ORIGIN): Promise<Response> {
    const body = new URLSearchParams({ uid, csrf: user ? consentCsrfToken(uid, user.id) : "" });
    for (const [k, v] of Object.entries(fields)) {
      body.delete(k);
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    return this.request(`${TEST_BASE}/oauth2/consent`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body });
  }

  /** Follow the redirects after the answer until they leave this instance: the client's redirect URI with its query. */
  async followToClient(res: Response): Promise<URL> {
    let current = res;
    for (let hop = 0; hop < 5; hop++) {
      const location = current.headers.get("location");
      if (!location) throw new Error(`expected a redirect, got ${current.status} at hop ${hop}: ${await current.text()}`);
      const next = new URL(location, TEST_BASE);
      if (next.origin !== TEST_BASE) return next;
      current = await this.request(next.href);
    }
    throw new Error("too many redirects");
  }
}

/** The whole dance for one user: the SDK's first connect fails with 401 → consent → code → tokens; returns a connected client. */
export async function authorizeAndConnect(
  provider: TestConnector,
  user: { id: string; email?: string },
  consent: Record<string, string | string[]> = { decision: "allow", access: "all" },
): Promise<Client> {
  const first = oauthTransport(provider);
  await expectUnauthorized(new Client({ name: "akhrot-oauth-test", version: "1.0.0" }).connect(first));
  if (!provider.authorizationUrl) throw new Error("the SDK never asked for authorization");
  const browser = await new ConsentBrowser().signIn(user);
  const uid = await browser.openAuthorization(provider.authorizationUrl);
  const back = await browser.followToClient(await browser.answer(uid, user, consent));
  await first.finishAuth(back.searchParams);
  return connectWithOAuth(provider);
}

async function expectUnauthorized(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UnauthorizedError) return;
    throw err;
  }
  throw new Error("expected the first connect to need authorization");
}
