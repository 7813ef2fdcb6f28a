import type { Db } from "@/db";
import { findConnectSession } from "@/db/queries/connect-sessions";
import type { ConnectSession } from "@/db/schema";
import { isSameOriginFormPost } from "@/lib/api/same-origin";
import { UNVERIFIED_MESSAGE } from "@/lib/users/account-may-act";
import { authorizeLinkVisitor } from "./authorize-link-visitor";
import { cookieFromHeader, isConnectSessionId, linkCsrfCookieName, linkCsrfMatches } from "./link-csrf";

export type LinkPostCheck =
  | { ok: true; session: ConnectSession }
  | { ok: false; reason: "cross_site" | "csrf" | "not_found" | "sign_in" | "other_user" | "unverified" };

/**
 * Every state-changing request on a hosted connect page (Continue, the paste form, each
 * Telegram step) passes here first: a same-origin browser request (S1), this render's CSRF
 * token in both cookie and form (S1), and the link's owner signed in (S2). The order keeps
 * a cross-site or token-less request from learning anything about the session.
 */
export async function checkLinkPost(
  db: Db,
  input: { request: Request; sessionId: string; csrfField: unknown; baseUrl: string; appUrl?: string; visitorUserId: string | undefined },
): Promise<LinkPostCheck> {
  if (!isSameOriginFormPost(input.request, input.appUrl)) return { ok: false, reason: "cross_site" };
  if (!isConnectSessionId(input.sessionId)) return { ok: false, reason: "not_found" };
  const cookie = cookieFromHeader(input.request.headers.get("cookie"), linkCsrfCookieName(input.sessionId, input.baseUrl));
  if (!linkCsrfMatches(cookie, input.csrfField)) return { ok: false, reason: "csrf" };
  const session = await findConnectSession(db, input.sessionId);
  if (!session) return { ok: false, reason: "not_found" };
  const visitor = await authorizeLinkVisitor(db, session, input.visitorUserId);
  if (!visitor.ok) return { ok: false, reason: visitor.reason };
  return { ok: true, session };
}

/** What a refused form post tells the human (never whose link it is). */
export const LINK_POST_REFUSALS: Record<Exclude<LinkPostCheck, { ok: true }>["reason"], string> = {
  cross_site: "This request did not come from this page, so it was refused. Open the link again and use its buttons.",
  csrf: "This page is out of date. Reload the link and try again.",
  not_found: "This connect link does not exist. Ask your agent to create a new one.",
  sign_in: "Sign in to Akhrot as the owner of this link, then open it again.",
  other_user: "This link belongs to another Akhrot account. Sign out and sign in with the account whose agent asked for it.",
  unverified: UNVERIFIED_MESSAGE,
};
