/**
 * auth.sendCode makes Telegram send an SMS or an app message to any number typed in: limited per
 * Akhrot user (the link's owner) and per phone number, so a link cannot pump SMS, harass a
 * number, or get the instance's api_id banned for flooding (API_ID_PUBLISHED_FLOOD).
 * The number is hashed in the limiter's key (no phone numbers in Redis).
 */
import { sha256Hex } from "@/lib/crypto";
import { getTelegramCodeLimiter } from "@/lib/ratelimit";

export const TOO_MANY_CODES = "Too many login codes were requested for this account or this number. Wait an hour and try again.";

export async function mayRequestTelegramCode(userId: string, phone: string): Promise<boolean> {
  const limiter = await getTelegramCodeLimiter();
  const [user, number] = await Promise.all([limiter.limit(`user:${userId}`), limiter.limit(`phone:${sha256Hex(phone)}`)]);
  return user.success && number.success;
}
