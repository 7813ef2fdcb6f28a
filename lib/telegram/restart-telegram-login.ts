import type { Db } from "@/db";
import { openTelegramLogin } from "./open-telegram-login";
import { writeTelegramLoginState } from "./telegram-login-state";
import type { TelegramLoginView } from "./telegram-login-view";

/** "Use a different number": forget the attempt (the unauthorized auth key is simply dropped). */
export async function restartTelegramLogin(db: Db, sessionId: string): Promise<TelegramLoginView> {
  const opened = await openTelegramLogin(db, sessionId);
  if (!opened.ok) return opened.view;
  await writeTelegramLoginState(db, sessionId, null);
  return { step: "phone" };
}
