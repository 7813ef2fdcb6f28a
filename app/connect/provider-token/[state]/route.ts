import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { baseUrl } from "@/lib/api/base-url";
import { isSameOriginFormPost } from "@/lib/api/same-origin";
import { BINDING_COOKIE_PREFIX, bindingCookieSuffix } from "@/lib/connect/start-authorization";
import { cookieFromHeader, linkCsrfMatches, newLinkCsrfToken, LINK_CSRF_FIELD } from "@/lib/connect/link-csrf";
import { sha256Hex } from "@/lib/crypto";
import { env } from "@/lib/env";
import { loadGrantPage, startGrant } from "@/lib/provider-tokens/grant-page";
import { grantMessageHtml, grantPageHtml } from "@/lib/provider-tokens/grant-page-html";

type Ctx = { params: Promise<{ state: string }> };
const NO_STORE = { "cache-control": "no-store", "referrer-policy": "no-referrer", "x-frame-options": "DENY", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'" };
const csrfCookie = (state: string) => `akh_pt_${sha256Hex(state).slice(0, 12)}`;
const rearmCookie = (state: string) => `akh_pr_${sha256Hex(state).slice(0, 12)}`;

function html(body: string, status = 200): NextResponse {
  return new NextResponse(body, { status, headers: { "content-type": "text/html; charset=utf-8", ...NO_STORE } });
}
const notFound = () => html(grantMessageHtml("Link not found", "This link does not exist, has expired or was already used. Go back to the app that sent you and try again."), 404);

// GET /connect/provider-token/{state} – the end user's consent page (no Akhrot login; the state is the capability).
export async function GET(req: Request, { params }: Ctx) {
  const { state } = await params;
  const base = baseUrl(req);
  const page = await loadGrantPage(await getDb(), state);
  if (page.kind === "gone") return NextResponse.redirect(page.redirectTo, { status: 303, headers: NO_STORE });
  if (page.kind === "not_found") return notFound();
  const token = newLinkCsrfToken();
  const res = html(grantPageHtml(page, token, `/connect/provider-token/${state}`));
  const secure = base.startsWith("https://");
  res.cookies.set(csrfCookie(state), token, { httpOnly: true, sameSite: "strict", secure, path: `/connect/provider-token/${state}`, maxAge: 15 * 60 });
  return res;
}

// POST /connect/provider-token/{state} – Continue: same origin + this render's CSRF token, armed once to this browser, then the provider.
export async function POST(req: Request, { params }: Ctx) {
  const { state } = await params;
  const base = baseUrl(req);
  if (!isSameOriginFormPost(req, env().APP_URL)) return html(grantMessageHtml("Refused", "This request did not come from this page. Open the link again and use its button."), 403);
  const form = await req.formData().catch(() => undefined);
  const cookies = req.headers.get("cookie");
  if (!linkCsrfMatches(cookieFromHeader(cookies, csrfCookie(state)), form?.get(LINK_CSRF_FIELD))) return html(grantMessageHtml("Page out of date", "Reload the link and try again."), 403);
  const started = await startGrant(await getDb(), state, base, { browserBinding: cookieFromHeader(cookies, rearmCookie(state)) });
  if (!started.ok) {
    if (started.redirectTo) return NextResponse.redirect(started.redirectTo, { status: 303, headers: NO_STORE });
    if (started.reason === "armed_elsewhere") return html(grantMessageHtml("Already started", "This link was started in another browser. Finish there, or go back to the app for a new link."), 409);
    if (started.reason === "not_oauth") return html(grantMessageHtml("Not available", "This provider is connected by pasting a key, which this page does not offer yet."), 400);
    return notFound();
  }
  const res = NextResponse.redirect(started.redirectTo, { status: 303, headers: NO_STORE });
  const secure = base.startsWith("https://");
  res.cookies.set(`${BINDING_COOKIE_PREFIX}${bindingCookieSuffix(started.sessionId)}`, started.cookie.value, { httpOnly: true, sameSite: "lax", secure, path: "/oauth/callback", maxAge: started.cookie.maxAge });
  res.cookies.set(rearmCookie(state), started.cookie.value, { httpOnly: true, sameSite: "strict", secure, path: `/connect/provider-token/${state}`, maxAge: started.cookie.maxAge });
  return res;
}
