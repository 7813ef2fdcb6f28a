import { Api } from "telegram";

export type TelegramIdentity = { accountId: string; label: string };

/**
 * Who signed in, from auth.SignIn / auth.CheckPassword: the Telegram user id is the stable
 * account id (so signing in again updates the same connection), @username the label.
 */
export function telegramIdentity(auth: unknown): TelegramIdentity | undefined {
  if (!(auth instanceof Api.auth.Authorization) || !(auth.user instanceof Api.User)) return undefined;
  const { id, username, firstName } = auth.user;
  return { accountId: `tg_${id.toString()}`, label: username ? `@${username}` : firstName ? `${firstName} (Telegram)` : `Telegram user ${id.toString()}` };
}
