/**
 * Telegram's RPC errors → what the human should do next. Error names come from the method
 * pages (https://core.telegram.org/method/auth.sendCode, /auth.signIn, /auth.checkPassword)
 * and https://core.telegram.org/api/errors. Messages never contain the phone number, the code,
 * the password or the session string: they are built from the error's name only.
 */
import { TelegramUnreachableError } from "./telegram-client";

export type TelegramFailure = {
  message: string;
  /** The stored state is useless now: clear it and ask for the phone number again. */
  restart?: boolean;
  /** The code expired: offer "send a new code". */
  codeExpired?: boolean;
  /** Unexpected: worth one log line (the error's name, nothing else). */
  log?: string;
};

const START_OVER = "Enter your phone number again to get a new code.";

const KNOWN: Record<string, TelegramFailure> = {
  PHONE_NUMBER_INVALID: { message: "Telegram says this phone number is not valid. Check the country code and the number." },
  PHONE_NUMBER_BANNED: { message: "Telegram has banned this phone number, so it cannot sign in." },
  PHONE_NUMBER_FLOOD: { message: "Telegram has sent too many codes to this number recently. Wait a few hours, then try again." },
  PHONE_PASSWORD_FLOOD: { message: "Too many sign-in attempts for this number. Wait a few hours, then try again." },
  PHONE_NUMBER_UNOCCUPIED: { message: "No Telegram account uses this number yet. Create one in a Telegram app first, then try again.", restart: true },
  PHONE_CODE_INVALID: { message: "That code is not right. Check the latest code Telegram sent you and type it again." },
  PHONE_CODE_EMPTY: { message: "Enter the login code Telegram sent you." },
  PHONE_CODE_EXPIRED: { message: "That code has expired. Request a new code.", codeExpired: true },
  PHONE_CODE_HASH_EMPTY: { message: `This sign-in attempt is no longer valid. ${START_OVER}`, restart: true },
  AUTH_RESTART: { message: `Telegram asked to restart the sign-in. ${START_OVER}`, restart: true },
  AUTH_KEY_UNREGISTERED: { message: `Telegram no longer recognises this sign-in attempt. ${START_OVER}`, restart: true },
  AUTH_KEY_INVALID: { message: `Telegram no longer recognises this sign-in attempt. ${START_OVER}`, restart: true },
  SIGN_IN_FAILED: { message: "Telegram could not sign you in just now. Try again in a moment." },
  PASSWORD_HASH_INVALID: { message: "That password is not right. Type your two-step verification password again." },
  PASSWORD_MISSING: { message: `This account has no two-step verification password any more. ${START_OVER}`, restart: true },
  SRP_ID_INVALID: { message: "The password check timed out. Type your password again." },
  SRP_PASSWORD_CHANGED: { message: "Your two-step verification password was changed meanwhile. Type the new password." },
  UPDATE_APP_TO_LOGIN: { message: "Telegram refuses this sign-in method for your account. Connect with a session string instead (below)." },
  EMAIL_SETUP_REQUIRED: {
    message: "Telegram wants this account to add a login email before it signs in anywhere new. Add one in a Telegram app (Settings → Privacy and Security), then try again.",
    restart: true,
  },
  UNEXPECTED_SENT_CODE: { message: "Telegram answered in a way Akhrot does not support. Connect with a session string instead (below).", restart: true, log: "UNEXPECTED_SENT_CODE" },
  API_ID_INVALID: { message: "Telegram rejected this Akhrot instance's app credentials (TELEGRAM_API_ID / TELEGRAM_API_HASH). Tell the instance operator.", log: "API_ID_INVALID" },
  API_ID_PUBLISHED_FLOOD: { message: "Telegram has blocked this Akhrot instance's app credentials. Tell the instance operator.", log: "API_ID_PUBLISHED_FLOOD" },
};

/** "42 seconds", "about 3 minutes", "about 2 hours". */
export function describeWait(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  if (seconds < 2 * 3600) return `about ${Math.ceil(seconds / 60)} minutes`;
  return `about ${Math.ceil(seconds / 3600)} hours`;
}

function field(err: unknown, name: "errorMessage" | "seconds" | "name"): unknown {
  return typeof err === "object" && err !== null && name in err ? (err as Record<string, unknown>)[name] : undefined;
}

/** Map anything a login step threw. */
export function telegramErrorMessage(err: unknown): TelegramFailure {
  if (err instanceof TelegramUnreachableError) {
    return { message: "Akhrot could not reach Telegram's servers. Try again in a moment.", log: err.name };
  }
  const seconds = field(err, "seconds");
  const rpc = field(err, "errorMessage");
  // GramJS turns FLOOD_WAIT_X into FloodWaitError with `seconds` (errorMessage "FLOOD").
  if (typeof seconds === "number" && Number.isFinite(seconds) && (rpc === "FLOOD" || /^FLOOD_/.test(String(rpc)))) {
    return { message: `Telegram asks you to wait ${describeWait(Math.max(1, Math.ceil(seconds)))} before trying again.` };
  }
  if (typeof rpc === "string" && /^[A-Z0-9_]{2,64}$/.test(rpc)) {
    const known = KNOWN[rpc];
    if (known) return known;
    return { message: `Telegram refused this step (${rpc}). Try again, or start over with your phone number.`, log: rpc };
  }
  const name = field(err, "name");
  return { message: "Something went wrong while talking to Telegram. Try again in a moment.", log: typeof name === "string" && /^\w{1,64}$/.test(name) ? name : "non-error value" };
}
