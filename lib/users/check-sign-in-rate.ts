import { getSignInLimiter } from "@/lib/ratelimit";

/**
 * Count one password sign-in attempt for this email. Undefined while under the limit; a
 * message for the person once over it (the same for known and unknown emails, so it reveals
 * nothing about which accounts exist).
 */
export async function checkSignInRate(email: string, now = Date.now()): Promise<string | undefined> {
  const verdict = await (await getSignInLimiter()).limit(`signin:${email.trim().toLowerCase()}`);
  if (verdict.success) return undefined;
  const minutes = Math.max(1, Math.ceil((verdict.reset - now) / 60_000));
  return `Too many sign-in attempts for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
