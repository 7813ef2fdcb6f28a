import type { Db } from "@/db";
import type { ConnectSession } from "@/db/schema";
import { ownerMayAct } from "@/lib/users/account-may-act";

/**
 * Who may use a connect link (S2): only the person who owns it, signed in to the dashboard.
 * A link from `POST /oauth/sessions` is owned by the user of the agent key that made it; one
 * the dashboard made, by that dashboard user. Signed out → sign in first; signed in as anyone
 * else → refused. The answer never says whose link it is.
 *
 * This is the one place that decides; the hosted page, Continue, the paste form and every
 * Telegram step ask it. Further account conditions (e.g. a verified e-mail) belong here.
 */
export type LinkVisitorDecision = { ok: true } | { ok: false; reason: "sign_in" | "other_user" | "unverified" };

export async function authorizeLinkVisitor(db: Db, session: Pick<ConnectSession, "userId">, visitorUserId: string | undefined): Promise<LinkVisitorDecision> {
  if (!visitorUserId) return { ok: false, reason: "sign_in" };
  if (visitorUserId !== session.userId) return { ok: false, reason: "other_user" };
  // With e-mail configured, an owner who has not confirmed their address may not complete a link (S10).
  if (!(await ownerMayAct(db, session.userId))) return { ok: false, reason: "unverified" };
  return { ok: true };
}
