/**
 * Proving an address: a signed-up account gets a single-use link (24 h) that marks its
 * e-mail verified. Until then, with a real sender configured, it may not act (account-may-act.ts).
 */
import type { DbOrTx } from "@/db";
import { findUserById, markEmailVerified } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { baseUrl } from "@/lib/api/base-url";
import { sendEmail } from "@/lib/email/send-email";
import { getAuthLimiter } from "@/lib/ratelimit";
import { issueEmailToken, redeemEmailToken } from "./email-token";

export async function sendVerificationEmail(db: DbOrTx, user: Pick<User, "id" | "email">): Promise<void> {
  const secret = await issueEmailToken(db, "verify-email", user.id);
  const link = `${baseUrl()}/verify-email?token=${secret}`;
  await sendEmail({
    to: user.email,
    subject: "Confirm your e-mail address for Akhrot",
    text: `Confirm that this address belongs to your Akhrot account:\n\n${link}\n\nThe link works once, for 24 hours. If you did not create an account, ignore this message.\n`,
  });
}

export type ResendResult = "sent" | "already_verified" | "throttled";

/** The dashboard banner's "resend": limited per address, like every mail we send. */
export async function resendVerificationEmail(db: DbOrTx, userId: string): Promise<ResendResult> {
  const user = await findUserById(db, userId);
  if (!user || user.emailVerified) return "already_verified";
  if (!(await (await getAuthLimiter("email-recipient")).limit(user.email.toLowerCase())).success) return "throttled";
  await sendVerificationEmail(db, user);
  return "sent";
}

/** GET /verify-email?token=…: true when the link was good (and is now used). */
export async function verifyEmailAddress(db: DbOrTx, secret: unknown): Promise<boolean> {
  const userId = await redeemEmailToken(db, "verify-email", secret);
  if (!userId) return false;
  await markEmailVerified(db, userId);
  return true;
}
