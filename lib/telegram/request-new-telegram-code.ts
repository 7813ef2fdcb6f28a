import type { Db } from "@/db";
import { mayRequestTelegramCode, TOO_MANY_CODES } from "./code-limit";
import { failTelegramStep } from "./fail-telegram-step";
import { LINK_CLOSED, openTelegramLogin } from "./open-telegram-login";
import { sendLoginCode } from "./send-login-code";
import type { TelegramStepOptions } from "./start-telegram-login";
import { connectGramJsClient, withTelegramClient } from "./telegram-client";
import { readTelegramLoginState, writeTelegramLoginState, type TelegramLoginState } from "./telegram-login-state";
import { viewOfState, type TelegramLoginView } from "./telegram-login-view";

/**
 * "Send a new code" after PHONE_CODE_EXPIRED: auth.sendCode again for the stored number on the
 * stored auth key (Telegram's advice for an expired code), so the human need not retype it.
 */
export async function requestNewTelegramCode(db: Db, sessionId: string, opts: TelegramStepOptions = {}): Promise<TelegramLoginView> {
  const opened = await openTelegramLogin(db, sessionId);
  if (!opened.ok) return opened.view;
  const current = readTelegramLoginState(opened.session);
  if (current?.step !== "code") return viewOfState(current, { error: current ? undefined : "Enter your phone number to get a code." });
  if (!(await mayRequestTelegramCode(opened.codeLimitKey, current.phone))) return viewOfState(current, { error: TOO_MANY_CODES });
  const { apiId, apiHash } = opened;
  let state: TelegramLoginState;
  try {
    state = await withTelegramClient(opts.connectClient ?? connectGramJsClient, { session: current.session, apiId, apiHash }, async (client) => {
      const sent = await sendLoginCode(client, current.phone, apiId, apiHash);
      return { ...current, session: client.saveSession(), ...sent };
    });
  } catch (err) {
    return failTelegramStep(db, sessionId, current, "resend code", err);
  }
  if (!(await writeTelegramLoginState(db, sessionId, state))) return { step: "closed", error: LINK_CLOSED };
  return viewOfState(state);
}
