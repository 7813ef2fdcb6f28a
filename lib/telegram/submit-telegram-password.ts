import { Api } from "telegram";
import { computeCheck } from "telegram/Password";
import type { Db } from "@/db";
import { completeTelegramLogin } from "./complete-telegram-login";
import { telegramIdentity, type TelegramIdentity } from "./telegram-identity";
import { failTelegramStep } from "./fail-telegram-step";
import { normalizeCloudPassword } from "./normalize-login-input";
import { openTelegramLogin } from "./open-telegram-login";
import type { TelegramStepOptions } from "./start-telegram-login";
import { connectGramJsClient, withTelegramClient } from "./telegram-client";
import { readTelegramLoginState } from "./telegram-login-state";
import { viewOfState, type TelegramLoginView } from "./telegram-login-view";

/**
 * Step 3 (two-step verification only): account.getPassword for fresh SRP parameters, GramJS's
 * computeCheck (SRP-2048, https://core.telegram.org/api/srp), auth.checkPassword. The password
 * never leaves this function except as the SRP proof; it is not stored.
 */
export async function submitTelegramPassword(db: Db, sessionId: string, rawPassword: string, opts: TelegramStepOptions = {}): Promise<TelegramLoginView> {
  const opened = await openTelegramLogin(db, sessionId);
  if (!opened.ok) return opened.view;
  const state = readTelegramLoginState(opened.session);
  if (state?.step !== "password") return viewOfState(state, { error: state ? undefined : "Enter your phone number first to get a code." });
  const password = normalizeCloudPassword(rawPassword);
  if (!password.ok) return viewOfState(state, { error: password.message });
  let signedIn: { session: string; identity?: TelegramIdentity };
  try {
    signedIn = await withTelegramClient(opts.connectClient ?? connectGramJsClient, { session: state.session, apiId: opened.apiId, apiHash: opened.apiHash }, async (client) => {
      const params = await client.invoke(new Api.account.GetPassword());
      const check = await computeCheck(params, password.value);
      const auth = await client.invoke(new Api.auth.CheckPassword({ password: check }));
      return { session: client.saveSession(), identity: telegramIdentity(auth) };
    });
  } catch (err) {
    return failTelegramStep(db, sessionId, state, "check password", err);
  }
  return completeTelegramLogin(db, opened.session, signedIn.session, signedIn.identity);
}
