/**
 * A scripted browser for the hosted connect pages, through the REAL proxy and route handlers:
 * a cookie jar, a dashboard session minted the way Auth.js mints it (a JWE with the test
 * AUTH_SECRET, `next-auth/jwt`'s encode), the per-render CSRF token that proxy.ts sets when
 * GET /connect/{id} renders, and Continue posted with same-origin browser headers.
 */
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { POST as startConnect } from "@/app/connect/[sessionId]/start/route";
import { env } from "@/lib/env";
import { LINK_CSRF_FIELD, LINK_CSRF_HEADER } from "@/lib/connect/link-csrf";
import proxy from "@/proxy";
import { params } from "./fixtures";
import { CookieJar } from "./oidc-login";
import { SAME_ORIGIN, TEST_BASE } from "./test-origin";

export { SAME_ORIGIN, TEST_BASE };
/** Auth.js's session cookie name on plain http (the tests' base URL). */
export const SESSION_COOKIE = "authjs.session-token";

/** A real Auth.js session cookie value for this user, as /api/auth/callback/credentials would set it. */
export async function mintSessionCookie(user: { id: string; email?: string; sessionVersion?: number }): Promise<string> {
  // What Auth.js's jwt callback stamps at sign-in: the sign-in time (sessions end 12 h later) and
  // the user's session version (a sign-out everywhere bumps it).
  const token = { sub: user.id, email: user.email ?? null, name: null, signedInAt: Math.floor(Date.now() / 1000), sv: user.sessionVersion ?? 0 };
  return encode({ token, secret: env().AUTH_SECRET, salt: SESSION_COOKIE, maxAge: 3600 });
}

export class LinkBrowser {
  readonly jar = new CookieJar();
  readonly #tokens = new Map<string, string>();

  async signIn(user: { id: string; email?: string; sessionVersion?: number }): Promise<this> {
    this.jar.setCookie(TEST_BASE, `${SESSION_COOKIE}=${await mintSessionCookie(user)}; Path=/; HttpOnly; SameSite=Lax`);
    return this;
  }

  /** GET /connect/{id} through proxy.ts: keeps the CSRF cookie it sets and the token it hands the page. */
  async open(sessionId: string): Promise<string> {
    const url = `${TEST_BASE}/connect/${sessionId}`;
    const res = await proxy(new NextRequest(url, { headers: this.#cookies(url) }), { waitUntil: () => undefined } as never);
    this.jar.store(url, res);
    const token = res.headers.get(`x-middleware-request-${LINK_CSRF_HEADER}`) ?? "";
    if (!token) throw new Error("link-browser: the proxy handed the page no CSRF token");
    this.#tokens.set(sessionId, token);
    return token;
  }

  /** The token the last render of this link embedded in its forms. */
  token(sessionId: string): string | undefined {
    return this.#tokens.get(sessionId);
  }

  /** POST /connect/{id}/start as the page's Continue form (override headers or the token to attack it). */
  async start(sessionId: string, opts: { headers?: Record<string, string>; csrf?: string | null; fields?: Record<string, string> } = {}): Promise<Response> {
    const url = `${TEST_BASE}/connect/${sessionId}/start`;
    const form = new URLSearchParams(opts.fields);
    const csrf = opts.csrf === undefined ? this.#tokens.get(sessionId) : opts.csrf;
    if (csrf !== null && csrf !== undefined) form.set(LINK_CSRF_FIELD, csrf);
    const headers = { ...this.#cookies(url), "content-type": "application/x-www-form-urlencoded", ...(opts.headers ?? SAME_ORIGIN) };
    const res = await startConnect(new Request(url, { method: "POST", headers, body: form }), params({ sessionId }));
    this.jar.store(url, res);
    return res;
  }

  /** The browser binding cookie the start set, as a `Cookie` header for the callback. */
  callbackCookie(provider = "google"): string {
    return this.jar.header(`${TEST_BASE}/oauth/callback/${provider}`) ?? "";
  }

  cookieHeader(path: string): string {
    return this.jar.header(`${TEST_BASE}${path}`) ?? "";
  }

  #cookies(url: string): Record<string, string> {
    const cookie = this.jar.header(url);
    return cookie ? { cookie } : {};
  }
}
