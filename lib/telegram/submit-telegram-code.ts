import { Api } from "telegram";
import type { Db } from "@/db";
import { completeTelegramLogin } from "./complete-telegram-login";
import { telegramIdentity, type TelegramIdentity } from "./telegram-identity";
import { failTelegramStep } from "./fail-telegram-step";
import { normalizeLoginCode } from "./normalize-login-input";
import { LINK_CLOSED, openTelegramLogin } from "./open-telegram-login";
import type { TelegramStepOptions } from "./start-telegram-login";
import { connectGramJsClient, withTelegramClient } from "./telegram-client";
import { readTelegramLoginState, writeTelegramLoginState } from "./telegram-login-state";
import { viewOfState, type TelegramLoginView } from "./telegram-login-view";

type SignInOutcome = { kind: "signed_in"; session: string; identity?: TelegramIdentity } | { kind: "password"; session: string; hint: string | null } | { kind: "sign_up_required" };

const NO_ACCOUNT = "No Telegram account uses this number yet. Create one in a Telegram app first, then try again.";

/**
 * Step 2: the login code. auth.signIn on the client restored from the stored StringSession
 * (the phone_code_hash belongs to that auth key). SESSION_PASSWORD_NEEDED means two-step
 * verification is on: the same, now half-authorized, session moves to the password step
 * (https://core.telegram.org/api/srp). Akhrot never signs up a new account.
 */
export async function submitTelegramCode(db: Db, sessionId: string, rawCode: string, opts: TelegramStepOptions = {}): Promise<TelegramLoginView> {
  const opened = await openTelegramLogin(db, sessionId);
  if (!opened.ok) return opened.view;
  const state = readTelegramLoginState(opened.session);
  if (state?.step !== "code") return viewOfState(state, { error: state ? undefined : "Enter your phone number first to get a code." });
  const code = normalizeLoginCode(rawCode, state.via);
  if (!code.ok) return viewOfState(state, { error: code.message });
  let outcome: SignInOutcome;
  try {
    outcome = await withTelegramClient(opts.connectClient ?? connectGramJsClient, { session: state.session, apiId: opened.apiId, apiHash: opened.apiHash }, async (client): Promise<SignInOutcome> => {
      try {
        const auth = await client.invoke(new Api.auth.SignIn({ phoneNumber: state.phone, phoneCodeHash: state.phoneCodeHash, phoneCode: code.value }));
        if (auth instanceof Api.auth.AuthorizationSignUpRequired) return { kind: "sign_up_required" };
        return { kind: "signed_in", session: client.saveSession(), identity: telegramIdentity(auth) };
      } catch (err) {
        if ((err as { errorMessage?: unknown } | null)?.errorMessage !== "SESSION_PASSWORD_NEEDED") throw err;
        // The hint the human set is shown on the password step; the SRP parameters are fetched afresh there.
        const password = await client.invoke(new Api.account.GetPassword());
        return { kind: "password", session: client.saveSession(), hint: password.hint ?? null };
      }
    });
  } catch (err) {
    return failTelegramStep(db, sessionId, state, "sign in", err);
  }
  if (outcome.kind === "signed_in") return completeTelegramLogin(db, opened.session, outcome.session, outcome.identity);
  if (outcome.kind === "sign_up_required") {
    await writeTelegramLoginState(db, sessionId, null);
    return { step: "phone", error: NO_ACCOUNT };
  }
  const next = { step: "password" as const, session: outcome.session, hint: outcome.hint };
  if (!(await writeTelegramLoginState(db, sessionId, next))) return { step: "closed", error: LINK_CLOSED };
  return viewOfState(next);
}
