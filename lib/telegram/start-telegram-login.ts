import type { Db } from "@/db";
import { mayRequestTelegramCode, TOO_MANY_CODES } from "./code-limit";
import { failTelegramStep } from "./fail-telegram-step";
import { normalizePhone } from "./normalize-login-input";
import { LINK_CLOSED, openTelegramLogin } from "./open-telegram-login";
import { sendLoginCode } from "./send-login-code";
import { connectGramJsClient, withTelegramClient, type ConnectTelegramClient } from "./telegram-client";
import { writeTelegramLoginState, type TelegramLoginState } from "./telegram-login-state";
import { viewOfState, type TelegramLoginView } from "./telegram-login-view";

export type TelegramStepOptions = { connectClient?: ConnectTelegramClient };

/**
 * Step 1: the phone number. A fresh client (new auth key) asks Telegram to send the login code;
 * the client's StringSession, the phone number and the phone_code_hash are stored encrypted for
 * step 2, which may run in another process. Starting again replaces any earlier attempt.
 */
export async function startTelegramLogin(db: Db, sessionId: string, rawPhone: string, opts: TelegramStepOptions = {}): Promise<TelegramLoginView> {
  const opened = await openTelegramLogin(db, sessionId);
  if (!opened.ok) return opened.view;
  const phone = normalizePhone(rawPhone);
  if (!phone.ok) return { step: "phone", error: phone.message };
  if (!(await mayRequestTelegramCode(opened.codeLimitKey, phone.value))) return { step: "phone", error: TOO_MANY_CODES };
  const { apiId, apiHash } = opened;
  let state: TelegramLoginState;
  try {
    state = await withTelegramClient(opts.connectClient ?? connectGramJsClient, { session: "", apiId, apiHash }, async (client) => {
      const sent = await sendLoginCode(client, phone.value, apiId, apiHash);
      return { step: "code", session: client.saveSession(), phone: phone.value, ...sent };
    });
  } catch (err) {
    return failTelegramStep(db, sessionId, undefined, "send code", err);
  }
  if (!(await writeTelegramLoginState(db, sessionId, state))) return { step: "closed", error: LINK_CLOSED };
  return viewOfState(state);
}
