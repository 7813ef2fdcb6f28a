import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { baseUrl } from "@/lib/api/base-url";
import { requestUser } from "@/lib/auth/request-user";
import { publicIpLimit, tooManyRequests } from "@/lib/api/ip-limit";
import { setBindingCookie } from "@/lib/connect/binding-cookie";
import { checkLinkPost, LINK_POST_REFUSALS } from "@/lib/connect/check-link-post";
import { DEFAULT_CHOICE_FIELD, wantsDefault } from "@/lib/connect/default-choice";
import { cookieFromHeader, LINK_CSRF_FIELD } from "@/lib/connect/link-csrf";
import { bindingCookieSuffix, REARM_COOKIE_PREFIX, startAuthorization } from "@/lib/connect/start-authorization";
import { env } from "@/lib/env";

const refuse = (status: number, message: string) =>
  new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" } });

// POST /connect/{sessionId}/start – the owner pressed Continue: checks (same origin, CSRF token, owner), browser binding, provider.
export async function POST(req: Request, { params }: { params: Promise<{ sessionId: string }> }) {
  const limit = await publicIpLimit(req.headers);
  if (!limit.ok) return tooManyRequests(limit.retryAfter);
  const { sessionId } = await params;
  const base = baseUrl(req);
  const form = await req.formData().catch(() => undefined);
  const db = await getDb();
  const check = await checkLinkPost(db, { request: req, sessionId, csrfField: form?.get(LINK_CSRF_FIELD), baseUrl: base, appUrl: env().APP_URL, visitorUserId: (await requestUser(req))?.id });
  if (!check.ok) {
    if (check.reason === "sign_in") return NextResponse.redirect(`${base}/sign-in?callbackUrl=${encodeURIComponent(`/connect/${sessionId}`)}`, 303);
    return refuse(check.reason === "not_found" ? 404 : 403, LINK_POST_REFUSALS[check.reason]);
  }
  const browserBinding = cookieFromHeader(req.headers.get("cookie"), `${REARM_COOKIE_PREFIX}${bindingCookieSuffix(sessionId)}`);
  const result = await startAuthorization(db, check.session.id, base, { browserBinding, makeDefault: wantsDefault(form?.get(DEFAULT_CHOICE_FIELD)) });
  if (!result.ok && result.reason === "armed_elsewhere") {
    return refuse(409, "This link was already started in another browser. Finish there, or ask your agent for a new link.");
  }
  if (!result.ok) return NextResponse.redirect(`${base}/connect/${encodeURIComponent(sessionId)}`, 303);
  return setBindingCookie(NextResponse.redirect(result.redirectTo, 303), result, base);
}
