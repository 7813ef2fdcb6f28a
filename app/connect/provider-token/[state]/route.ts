import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { baseUrl } from "@/lib/api/base-url";
import { isSameOriginFormPost } from "@/lib/api/same-origin";
import { BINDING_COOKIE_PREFIX, bindingCookieSuffix } from "@/lib/connect/start-authorization";
import { cookieFromHeader, linkCsrfMatches, newLinkCsrfToken, LINK_CSRF_FIELD } from "@/lib/connect/link-csrf";
import { env } from "@/lib/env";
import { grantCsrfCookie, grantRearmCookie, loadGrantPage, startGrant, submitGrantKey, TELEGRAM_LOGIN_FIELD, type GrantPage } from "@/lib/provider-tokens/grant-page";
import { grantMessageHtml, grantPageHtml } from "@/lib/provider-tokens/grant-page-html";

type Ctx = { params: Promise<{ state: string }> };
const NO_STORE = { "cache-control": "no-store", "referrer-policy": "no-referrer", "x-frame-options": "DENY", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'" };
const csrfCookie = grantCsrfCookie;
const rearmCookie = grantRearmCookie;
const pagePath = (state: string) => `/connect/provider-token/${state}`;

function html(body: string, status = 200): NextResponse {
  return new NextResponse(body, { status, headers: { "content-type": "text/html; charset=utf-8", ...NO_STORE } });
}
const notFound = () => html(grantMessageHtml("Link not found", "This link does not exist, has expired or was already used. Go back to the app that sent you and try again."), 404);
const back = (to: string) => NextResponse.redirect(to, { status: 303, headers: NO_STORE });

/** Every render gets a fresh CSRF token, in an HttpOnly SameSite=Strict cookie scoped to this link and in the form. */
function render(page: Extract<GrantPage, { kind: "open" }>, state: string, base: string, errors: Record<string, string> = {}, status = 200): NextResponse {
  const token = newLinkCsrfToken();
  const res = html(grantPageHtml(page, token, pagePath(state), errors), status);
  res.cookies.set(csrfCookie(state), token, { httpOnly: true, sameSite: "strict", secure: base.startsWith("https://"), path: pagePath(state), maxAge: 15 * 60 });
  return res;
}

// GET /connect/provider-token/{state} – the end user's consent page (no Akhrot login; the state is the capability).
export async function GET(req: Request, { params }: Ctx) {
  const { state } = await params;
  const page = await loadGrantPage(await getDb(), state);
  if (page.kind === "gone") return back(page.redirectTo);
  if (page.kind === "not_found") return notFound();
  return render(page, state, baseUrl(req));
}

// POST /connect/provider-token/{state} – Continue (OAuth, or Telegram's phone login) or the paste form (API-key providers, Telegram sessions): same origin + this render's CSRF token first.
export async function POST(req: Request, { params }: Ctx) {
  const { state } = await params;
  const base = baseUrl(req);
  if (!isSameOriginFormPost(req, env().APP_URL)) return html(grantMessageHtml("Refused", "This request did not come from this page. Open the link again and use its button."), 403);
  const form = await req.formData().catch(() => undefined);
  const cookies = req.headers.get("cookie");
  if (!linkCsrfMatches(cookieFromHeader(cookies, csrfCookie(state)), form?.get(LINK_CSRF_FIELD))) return html(grantMessageHtml("Page out of date", "Reload the link and try again."), 403);
  const db = await getDb();
  const page = await loadGrantPage(db, state);
  if (page.kind === "gone") return back(page.redirectTo);
  if (page.kind === "not_found") return notFound();
  // Telegram offers two ways in: the phone login (armed like Continue) or pasting a session string.
  const telegramLogin = page.provider.authType === "mtproto" && form?.get(TELEGRAM_LOGIN_FIELD) === "phone";
  if (page.provider.authType !== "oauth2" && !telegramLogin) {
    const values = Object.fromEntries(page.provider.credentialFields.map((f) => [f.name, form?.get(f.name) ?? undefined]));
    const submitted = await submitGrantKey(db, state, values);
    if (submitted.ok) return back(submitted.redirectTo);
    if (submitted.redirectTo) return back(submitted.redirectTo);
    return render(submitted.page ?? page, state, base, submitted.errors, 400);
  }
  const started = await startGrant(db, state, base, { browserBinding: cookieFromHeader(cookies, rearmCookie(state)) });
  if (!started.ok) {
    if (started.redirectTo) return back(started.redirectTo);
    if (started.reason === "armed_elsewhere") return html(grantMessageHtml("Already started", "This link was started in another browser. Finish there, or go back to the app for a new link."), 409);
    return notFound();
  }
  const res = back(started.redirectTo);
  const secure = base.startsWith("https://");
  if (!telegramLogin) res.cookies.set(`${BINDING_COOKIE_PREFIX}${bindingCookieSuffix(started.sessionId)}`, started.cookie.value, { httpOnly: true, sameSite: "lax", secure, path: "/oauth/callback", maxAge: started.cookie.maxAge });
  res.cookies.set(rearmCookie(state), started.cookie.value, { httpOnly: true, sameSite: "strict", secure, path: pagePath(state), maxAge: started.cookie.maxAge });
  return res;
}
