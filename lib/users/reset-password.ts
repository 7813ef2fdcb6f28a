/**
 * Forgotten passwords: a single-use link valid for 30 minutes, sent only to the account's
 * address. The request answers the same whether or not the address has an account, and the
 * mail goes out after the answer (afterResponse), so neither text nor timing tells who uses the vault.
 * Setting the new password ends every session of the account (session version, S9) and counts
 * as proof of the address.
 */
import type { DbOrTx } from "@/db";
import { findUserByEmail, markEmailVerified, setPasswordHash } from "@/db/queries/users";
import { baseUrl } from "@/lib/api/base-url";
import { afterResponse } from "@/lib/api/defer";
import { emailDeliverable, sendEmail } from "@/lib/email/send-email";
import { getAuthLimiter } from "@/lib/ratelimit";
import { credentialsSchema, hashPassword } from "./create-user";
import { redeemEmailToken, issueEmailToken } from "./email-token";

export type ResetRequestResult = "sent" | "throttled" | "unavailable";

export async function requestPasswordReset(db: DbOrTx, rawEmail: string, ip: string): Promise<ResetRequestResult> {
  if (!emailDeliverable()) return "unavailable";
  if (!(await (await getAuthLimiter("reset-ip")).limit(ip)).success) return "throttled";
  const email = rawEmail.trim().toLowerCase();
  if (!email || email.length > 254) return "sent";
  afterResponse(async () => {
    const user = await findUserByEmail(db, email);
    // Per recipient as well: nobody gets flooded with reset mail through us.
    if (!user || !(await (await getAuthLimiter("email-recipient")).limit(email)).success) return;
    const secret = await issueEmailToken(db, "reset-password", user.id);
    await sendEmail({
      to: user.email,
      subject: "Reset your Akhrot password",
      text: `Someone asked to reset the password of your Akhrot account. To choose a new one, open:\n\n${baseUrl()}/reset-password?token=${secret}\n\nThe link works once, for 30 minutes. Setting a new password signs out every device.\nIf you did not ask, ignore this message: your password stays as it is.\n`,
    });
  });
  return "sent";
}

export type ResetResult = { ok: true } | { ok: false; field: "password" | "token"; message: string };

export const RESET_LINK_INVALID = "This reset link has expired or was already used. Ask for a new one.";

export async function resetPassword(db: DbOrTx, secret: unknown, password: string): Promise<ResetResult> {
  const checked = credentialsSchema.shape.password.safeParse(password);
  if (!checked.success) return { ok: false, field: "password", message: checked.error.issues[0]?.message ?? "Choose another password." };
  const userId = await redeemEmailToken(db, "reset-password", secret);
  if (!userId) return { ok: false, field: "token", message: RESET_LINK_INVALID };
  await setPasswordHash(db, userId, await hashPassword(checked.data));
  await markEmailVerified(db, userId);
  return { ok: true };
}
