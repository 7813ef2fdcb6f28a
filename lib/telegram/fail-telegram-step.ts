import type { Db } from "@/db";
import { telegramErrorMessage } from "./telegram-error-message";
import { writeTelegramLoginState, type TelegramLoginState } from "./telegram-login-state";
import { viewOfState, type TelegramLoginView } from "./telegram-login-view";

/**
 * A step failed: say why in the human's terms. The state is kept (retry with the same code
 * request) unless Telegram's answer made it useless, then it is cleared and the login starts
 * over at the phone number. Only unexpected errors are logged, by name alone.
 */
export async function failTelegramStep(db: Db, sessionId: string, state: TelegramLoginState | undefined, step: string, err: unknown): Promise<TelegramLoginView> {
  const failure = telegramErrorMessage(err);
  if (failure.log) console.warn(`akhrot: telegram login (${step}) of ${sessionId} failed: ${failure.log}`);
  if (failure.restart) {
    await writeTelegramLoginState(db, sessionId, null);
    return viewOfState(undefined, { error: failure.message });
  }
  return viewOfState(state, { error: failure.message, codeExpired: failure.codeExpired });
}
