/**
 * Every HTML page's Content-Security-Policy (S17): a fresh nonce per request, handed to Next in the
 * request's own CSP header (Next puts it on every script it renders) and to the root layout in
 * x-nonce, and sent back as the response's policy. Only pages pass through here: the JSON routes,
 * including the hot /tokens/fetch, never do.
 *
 * Convenience only: send signed-out visitors of /dashboard/* to /sign-in (with a way back).
 * Every dashboard page and tRPC procedure checks the session itself. This reads the JWT
 * cookie with the database-free part of the auth config, so the proxy never opens the DB.
 *
 * Not a convenience: each render of a hosted connect page (GET /connect/{id}) gets its CSRF
 * token here, because only a proxy or handler (not a page) may set a cookie while rendering.
 */
import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { baseUrl } from "@/lib/api/base-url";
import { baseAuthConfig, SIGN_IN_PATH } from "@/lib/auth/base-config";
import { isConnectSessionId, LINK_CSRF_HEADER, linkCsrfCookieName, linkCsrfCookieOptions, newLinkCsrfToken } from "@/lib/connect/link-csrf";
import { NONCE_HEADER } from "@/lib/server/nonce-header";
import { newNonce, pageCsp } from "@/lib/server/security-headers";

const production = process.env.NODE_ENV === "production";

/**
 * Continue to the page with a fresh nonce (and `extra` request headers); the response carries its
 * policy. The headers only this proxy may set are dropped from what the client sent.
 */
function page(req: NextRequest, extra?: (headers: Headers) => void): NextResponse {
  const nonce = newNonce();
  const csp = pageCsp(nonce, production);
  const headers = new Headers(req.headers);
  headers.delete(LINK_CSRF_HEADER);
  headers.set(NONCE_HEADER, nonce);
  headers.set("content-security-policy", csp);
  extra?.(headers);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  return res;
}

// The eager form: with a lazy config, `auth(handler)` returns a promise, not the function Next needs.
const { auth } = NextAuth(baseAuthConfig());

const guard = auth((req) => {
  if (req.auth?.user?.id) return page(req);
  const url = new URL(SIGN_IN_PATH, req.nextUrl.origin);
  url.searchParams.set("callbackUrl", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(url);
});

/**
 * next-auth's wrapper re-issues the session cookie on every response (a rolling expiry). A
 * page request or prefetch still in flight when the person signs out would then put the session
 * back after "Sign out" deleted it, so its Set-Cookie is dropped: sessions end 12 h after
 * sign-in (or at sign-out), never later.
 */
export default async function proxy(...args: Parameters<typeof guard>): Promise<Response> {
  const [req] = args;
  const path = req.nextUrl.pathname;
  if (path.startsWith("/connect/")) return connectPageToken(req);
  if (path !== "/dashboard" && !path.startsWith("/dashboard/")) return page(req);
  const res = (await guard(...args)) ?? page(req);
  res.headers.delete("set-cookie");
  return res;
}

/**
 * The link's token for this browser: a fresh random value on its first render, set in an HttpOnly
 * SameSite=Strict cookie and handed to the page through a request header this proxy always
 * overwrites (a client's own header never reaches the page). Only GETs: a server action posts to the same URL and must be checked
 * against the token of the render it came from.
 */
function connectPageToken(req: NextRequest): Response {
  const sessionId = req.nextUrl.pathname.slice("/connect/".length);
  if (req.method !== "GET" || !isConnectSessionId(sessionId)) return page(req);
  const base = baseUrl(req);
  const name = linkCsrfCookieName(sessionId, base);
  // A browser that already holds this link's token keeps it: a render Next makes on its own (the
  // page after a sign-in server action's redirect, a prefetch) must not desynchronise the cookie
  // from the form the person sees.
  const held = req.cookies.get(name)?.value;
  const token = held && /^[A-Za-z0-9_-]{43}$/.test(held) ? held : newLinkCsrfToken();
  const res = page(req, (headers) => headers.set(LINK_CSRF_HEADER, token));
  res.cookies.set(name, token, linkCsrfCookieOptions(base));
  return res;
}

// Pages only: everything but Next's files and the JSON, OAuth-redirect and metadata routes.
export const config = {
  matcher: ["/((?!_next/|api/|tokens/|ai/|oauth/|mcp|metrics|healthz|readyz|openapi\\.json|llms\\.txt|\\.well-known/).*)"],
};
