import type { CodeDelivery } from "./telegram-login-state";

export type Normalized = { ok: true; value: string } | { ok: false; message: string };

const PHONE_FORMAT = "Enter your phone number in international format: + then your country code and number, for example +44 7700 900123.";

/**
 * A phone number as Telegram's auth.sendCode takes it: the digits of the E.164 number, without
 * the "+" (the official apps send it that way). Spaces, dashes, dots and brackets are allowed
 * in the input; a leading 00 is read as +. Messages never echo the input.
 */
export function normalizePhone(raw: string): Normalized {
  const compact = raw.trim().replace(/[\s().-]/g, "");
  if (!compact) return { ok: false, message: "Enter the phone number of your Telegram account." };
  const international = compact.startsWith("00") ? `+${compact.slice(2)}` : compact;
  if (!international.startsWith("+")) return { ok: false, message: PHONE_FORMAT };
  const digits = international.slice(1);
  if (!/^\d+$/.test(digits)) return { ok: false, message: "A phone number has only digits after the +. " + PHONE_FORMAT };
  // E.164: at most 15 digits including the country code, which never starts with 0.
  if (digits.startsWith("0") || digits.length < 7 || digits.length > 15) return { ok: false, message: `That is not a complete international number. ${PHONE_FORMAT}` };
  return { ok: true, value: digits };
}

/**
 * The login code as typed. Numeric codes (app, SMS, call, email) may be typed with spaces or
 * dashes; a code sent as a secret word or phrase (auth.sentCodeTypeSmsWord/SmsPhrase,
 * https://core.telegram.org/api/auth#sms-words) is kept as text.
 */
export function normalizeLoginCode(raw: string, via: CodeDelivery): Normalized {
  const trimmed = raw.trim();
  if (!trimmed) return { ok: false, message: "Enter the login code Telegram sent you." };
  if (via === "word" || via === "phrase") {
    return trimmed.length <= 100 ? { ok: true, value: trimmed } : { ok: false, message: "That is longer than any Telegram login code." };
  }
  const digits = trimmed.replace(/[\s-]/g, "");
  if (!/^\d{4,8}$/.test(digits)) return { ok: false, message: "The login code is the 5 or 6 digits Telegram sent you, digits only." };
  return { ok: true, value: digits };
}

/** The 2FA password, exactly as typed (spaces can be part of it). */
export function normalizeCloudPassword(raw: string): Normalized {
  if (!raw) return { ok: false, message: "Enter your Telegram two-step verification password." };
  if (raw.length > 256) return { ok: false, message: "That is longer than any Telegram password." };
  return { ok: true, value: raw };
}
