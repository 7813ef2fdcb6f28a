import type { Db } from "@/db";
import { telegramErrorMessage } from "./telegram-error-message";
import { writeTelegramLoginState, type TelegramLoginState } from "./telegram-login-state";
import { viewOfState, type TelegramLoginView } from "./telegram-login-view";
import { hashForLog, log, redact } from "@/lib/log";

/**
 * A step failed: say why in the human's terms. The state is kept (retry with the same code
 * request) unless Telegram's answer made it useless, then it is cleared and the login starts
 * over at the phone number. Only unexpected errors are logged, by name alone.
 */
export async function failTelegramStep(db: Db, sessionId: string, state: TelegramLoginState | undefined, step: string, err: unknown): Promise<TelegramLoginView> {
  const failure = telegramErrorMessage(err);
  // The session id is a live capability for 10 minutes: logs carry its hash (SECURITY-REVIEW S18).
  if (failure.log) log().warn({ where: "telegram.login", step, connectSession: hashForLog(sessionId), reason: redact(failure.log) }, "telegram login step failed");
  if (failure.restart) {
    await writeTelegramLoginState(db, sessionId, null);
    return viewOfState(undefined, { error: failure.message });
  }
  return viewOfState(state, { error: failure.message, codeExpired: failure.codeExpired });
}
