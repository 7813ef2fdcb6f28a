"use server";

import { getDb } from "@/db";
import { requestIpLimit, TOO_MANY_ATTEMPTS } from "@/lib/api/ip-limit";
import { runTelegramStep } from "@/lib/telegram/run-telegram-step";
import { loadTelegramLogin, withViewError, type TelegramLoginView } from "@/lib/telegram/telegram-login-view";
import { guardLinkPost } from "./guard-link-post";

/**
 * Server action behind the hosted Telegram login (phone → code → 2FA password). Every step is
 * refused unless the link's owner, signed in, posts it from this page (same origin + CSRF
 * token); every step's state is read from the database, so the form's previous state is not
 * trusted for anything.
 */
export async function telegramLoginStep(sessionId: string, _prev: TelegramLoginView, form: FormData): Promise<TelegramLoginView> {
  const db = await getDb();
  if (!(await requestIpLimit()).ok) return withViewError(await loadTelegramLogin(db, sessionId), TOO_MANY_ATTEMPTS);
  const refused = await guardLinkPost(db, sessionId, form);
  if (refused) return { step: "closed", error: refused };
  return runTelegramStep(db, sessionId, form);
}
