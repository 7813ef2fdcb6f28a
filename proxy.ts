/**
 * Convenience only: send signed-out visitors of /dashboard/* to /sign-in (with a way back).
 * Every dashboard page and tRPC procedure checks the session itself. This reads the JWT
 * cookie with the database-free part of the auth config, so the proxy never opens the DB.
 */
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { baseAuthConfig, SIGN_IN_PATH } from "@/lib/auth/base-config";

// The eager form: with a lazy config, `auth(handler)` returns a promise, not the function Next needs.
const { auth } = NextAuth(baseAuthConfig());

const guard = auth((req) => {
  if (req.auth?.user?.id) return NextResponse.next();
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
  const res = (await guard(...args)) ?? NextResponse.next();
  res.headers.delete("set-cookie");
  return res;
}

export const config = { matcher: ["/dashboard", "/dashboard/:path*"] };
