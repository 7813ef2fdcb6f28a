import { NextResponse } from "next/server";
import { baseUrl } from "@/lib/api/base-url";
import { publicIpLimit, tooManyRequests } from "@/lib/api/ip-limit";
import { isSameOriginFormPost } from "@/lib/api/same-origin";
import { requestUser } from "@/lib/auth/request-user";
import { env } from "@/lib/env";
import { approveConsent, consentCsrfMatches, denyConsent } from "@/lib/mcp-oauth/grants";
import { accountMayAct } from "@/lib/users/account-may-act";
import { findUserById } from "@/db/queries/users";
import { getDb } from "@/db";

export const dynamic = "force-dynamic";

const refuse = (status: number, message: string) =>
  new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

// POST /oauth2/consent – the consent page's Allow / Deny: same-origin form post, signed-in user, the form's HMAC token.
// A plain form post (no server action), so the browser itself follows the redirects back to the MCP client.
export async function POST(req: Request) {
  const limit = await publicIpLimit(req.headers);
  if (!limit.ok) return tooManyRequests(limit.retryAfter);
  const base = baseUrl(req);
  const form = await req.formData().catch(() => undefined);
  const uid = String(form?.get("uid") ?? "");
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(uid)) return refuse(400, "This authorization request is malformed.");
  const user = await requestUser(req);
  if (!user) return NextResponse.redirect(`${base}/sign-in?callbackUrl=${encodeURIComponent(`/oauth2/consent/${uid}`)}`, 303);
  if (!isSameOriginFormPost(req, env().APP_URL) || !consentCsrfMatches(uid, user.id, form?.get("csrf"))) {
    return refuse(403, "This form did not come from this Akhrot page. Go back to the application and start again.");
  }
  const decision = form?.get("decision");
  let next: string | undefined;
  if (decision === "deny") {
    next = await denyConsent(base, uid);
  } else if (decision === "allow") {
    const row = await findUserById(await getDb(), user.id);
    if (!row || !accountMayAct(row)) return NextResponse.redirect(`${base}/oauth2/consent/${uid}?error=unverified`, 303);
    const providers = form?.get("access") === "some" ? (form?.getAll("providers") ?? []).map(String) : null;
    if (providers !== null && providers.length === 0) return NextResponse.redirect(`${base}/oauth2/consent/${uid}?error=no_providers`, 303);
    next = await approveConsent(base, uid, user, providers);
  } else {
    return refuse(400, "Choose Allow or Deny.");
  }
  if (!next) return NextResponse.redirect(`${base}/oauth2/consent/${uid}`, 303);
  return NextResponse.redirect(new URL(next, base), 303);
}
