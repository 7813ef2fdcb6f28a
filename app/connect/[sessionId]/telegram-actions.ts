"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { requestIpLimit, TOO_MANY_ATTEMPTS } from "@/lib/api/ip-limit";
import { requestNewTelegramCode } from "@/lib/telegram/request-new-telegram-code";
import { restartTelegramLogin } from "@/lib/telegram/restart-telegram-login";
import { startTelegramLogin } from "@/lib/telegram/start-telegram-login";
import { submitTelegramCode } from "@/lib/telegram/submit-telegram-code";
import { submitTelegramPassword } from "@/lib/telegram/submit-telegram-password";
import { loadTelegramLogin, withViewError, type TelegramLoginView } from "@/lib/telegram/telegram-login-view";
import { guardLinkPost } from "./guard-link-post";

const input = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("phone"), phone: z.string().max(64) }),
  z.object({ intent: z.literal("code"), code: z.string().max(200) }),
  z.object({ intent: z.literal("password"), password: z.string().max(1024) }),
  z.object({ intent: z.literal("resend") }),
  z.object({ intent: z.literal("restart") }),
]);

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
  const parsed = input.safeParse(Object.fromEntries(form));
  if (!parsed.success) return withViewError(await loadTelegramLogin(db, sessionId), "That form was incomplete. Fill in the field and try again.");
  const step = parsed.data;
  switch (step.intent) {
    case "phone":
      return startTelegramLogin(db, sessionId, step.phone);
    case "code":
      return submitTelegramCode(db, sessionId, step.code);
    case "password":
      return submitTelegramPassword(db, sessionId, step.password);
    case "resend":
      return requestNewTelegramCode(db, sessionId);
    case "restart":
      return restartTelegramLogin(db, sessionId);
  }
}
