/**
 * An account whose e-mail address nobody has proven may sign in, but may not mint agent keys
 * or complete connect links while this instance sends real e-mail (S10): otherwise anyone could
 * squat an address and run the connect flow under it (the S2 pretext). Without an SMTP sender
 * nothing could be proven, so nothing is required (development, e2e, instances without mail).
 * Accounts created by the operator CLI or through an invitation start verified.
 */
import type { DbOrTx } from "@/db";
import { findUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { emailSenderConfigured } from "@/lib/email/send-email";

export const UNVERIFIED_MESSAGE = "Verify your e-mail address first: open the link we sent you (the dashboard can send it again).";

export function accountMayAct(user: Pick<User, "emailVerified">): boolean {
  return user.emailVerified !== null || !emailSenderConfigured();
}

/** The same rule by user id (connect links know only their owner's id). */
export async function ownerMayAct(db: DbOrTx, userId: string): Promise<boolean> {
  if (!emailSenderConfigured()) return true;
  const user = await findUserById(db, userId);
  return user !== undefined && accountMayAct(user);
}

/** The dashboard's banner: true while this account must still confirm its address. */
export async function mustVerifyEmail(db: DbOrTx, userId: string): Promise<boolean> {
  return !(await ownerMayAct(db, userId));
}
