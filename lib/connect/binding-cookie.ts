import type { NextResponse } from "next/server";
import { bindingCookieSuffix, REARM_COOKIE_PREFIX, type StartResult } from "./start-authorization";

type Started = Extract<StartResult, { ok: true }>;

/**
 * The browser binding of an OAuth flow: HttpOnly, only sent to the callback path, and
 * SameSite=Lax because it must ride along on the provider's top-level redirect back. A copy
 * scoped to /connect/{id} (SameSite=Strict) lets the same browser press Continue again.
 */
export function setBindingCookie(res: NextResponse, started: Started, baseUrl: string): NextResponse {
  const { cookie } = started;
  const secure = baseUrl.startsWith("https://");
  res.cookies.set(cookie.name, cookie.value, { httpOnly: true, sameSite: "lax", secure, path: "/oauth/callback", maxAge: cookie.maxAge });
  res.cookies.set(`${REARM_COOKIE_PREFIX}${bindingCookieSuffix(started.sessionId)}`, cookie.value, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: `/connect/${started.sessionId}`,
    maxAge: cookie.maxAge,
  });
  res.headers.set("referrer-policy", "no-referrer");
  res.headers.set("cache-control", "no-store");
  return res;
}
