import { Api } from "telegram";
import type { CodeDelivery } from "./telegram-login-state";
import type { TelegramLoginClient } from "./telegram-client";

/** Thrown as an RPC-shaped error so the step's error mapping words it. */
class LoginRefused extends Error {
  override name = "LoginRefused";
  constructor(readonly errorMessage: string) {
    super(errorMessage);
  }
}

function deliveryOf(type: Api.auth.TypeSentCodeType): CodeDelivery {
  if (type instanceof Api.auth.SentCodeTypeApp) return "app";
  if (type instanceof Api.auth.SentCodeTypeSms || type instanceof Api.auth.SentCodeTypeFragmentSms || type instanceof Api.auth.SentCodeTypeFirebaseSms) return "sms";
  if (type instanceof Api.auth.SentCodeTypeCall) return "call";
  if (type instanceof Api.auth.SentCodeTypeEmailCode) return "email";
  if (type instanceof Api.auth.SentCodeTypeSmsWord) return "word";
  if (type instanceof Api.auth.SentCodeTypeSmsPhrase) return "phrase";
  return "other";
}

/**
 * auth.sendCode (https://core.telegram.org/method/auth.sendCode). A PHONE_MIGRATE_X answer is
 * handled inside GramJS's invoke (it switches the client to that data centre and retries), so
 * the caller must save the session AFTER this call: the code is tied to the new DC's auth key.
 */
export async function sendLoginCode(client: TelegramLoginClient, phone: string, apiId: number, apiHash: string): Promise<{ phoneCodeHash: string; via: CodeDelivery }> {
  const sent = await client.invoke(new Api.auth.SendCode({ phoneNumber: phone, apiId, apiHash, settings: new Api.CodeSettings({}) }));
  // auth.sentCodeSuccess only answers a request that carried future_auth_tokens; we send none.
  if (!(sent instanceof Api.auth.SentCode)) throw new LoginRefused("UNEXPECTED_SENT_CODE");
  // The account must first add a login email in a Telegram app (https://core.telegram.org/api/auth#email-verification).
  if (sent.type instanceof Api.auth.SentCodeTypeSetUpEmailRequired) throw new LoginRefused("EMAIL_SETUP_REQUIRED");
  return { phoneCodeHash: sent.phoneCodeHash, via: deliveryOf(sent.type) };
}
