import type { Db } from "@/db";
import { openTelegramLogin } from "./open-telegram-login";
import { readTelegramLoginState, type CodeDelivery, type TelegramLoginState } from "./telegram-login-state";

/**
 * What the hosted page shows for a Telegram login, and what every step returns. It carries no
 * secret: at most the last two digits of the phone number (so the human knows which phone to
 * look at) and the password hint the human chose.
 */
export type TelegramLoginView =
  | { step: "phone"; error?: string }
  | { step: "code"; phoneEnding: string; via: CodeDelivery; error?: string; codeExpired?: boolean }
  | { step: "password"; hint: string | null; error?: string }
  | { step: "done"; redirectTo?: string }
  | { step: "closed"; error: string };

export function viewOfState(state: TelegramLoginState | undefined, extra: { error?: string; codeExpired?: boolean } = {}): TelegramLoginView {
  const error = extra.error ? { error: extra.error } : {};
  if (state?.step === "code") return { step: "code", phoneEnding: state.phone.slice(-2), via: state.via, ...error, ...(extra.codeExpired ? { codeExpired: true } : {}) };
  if (state?.step === "password") return { step: "password", hint: state.hint, ...error };
  return { step: "phone", ...error };
}

/** The step to show on (re)load of the hosted page: it comes from the stored state, so a reload keeps it. */
export async function loadTelegramLogin(db: Db, sessionId: string): Promise<TelegramLoginView> {
  const opened = await openTelegramLogin(db, sessionId);
  if (!opened.ok) return opened.view;
  return viewOfState(readTelegramLoginState(opened.session));
}

/** The same view with a message attached (steps that take input only). */
export function withViewError(view: TelegramLoginView, error: string): TelegramLoginView {
  return view.step === "phone" || view.step === "code" || view.step === "password" ? { ...view, error } : view;
}
