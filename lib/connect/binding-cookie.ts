import type { NextResponse } from "next/server";
import type { StartResult } from "./start-authorization";

type Cookie = Extract<StartResult, { ok: true }>["cookie"];

/**
 * The browser binding of an OAuth flow: HttpOnly, only sent to the callback path, and
 * SameSite=Lax because it must ride along on the provider's top-level redirect back.
 */
export function setBindingCookie(res: NextResponse, cookie: Cookie, baseUrl: string): NextResponse {
  res.cookies.set(cookie.name, cookie.value, {
    httpOnly: true,
    sameSite: "lax",
    secure: baseUrl.startsWith("https://"),
    path: "/oauth/callback",
    maxAge: cookie.maxAge,
  });
  res.headers.set("referrer-policy", "no-referrer");
  res.headers.set("cache-control", "no-store");
  return res;
}
