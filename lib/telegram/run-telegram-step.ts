import { z } from "zod";
import type { Db } from "@/db";
import { requestNewTelegramCode } from "./request-new-telegram-code";
import { restartTelegramLogin } from "./restart-telegram-login";
import { startTelegramLogin, type TelegramStepOptions } from "./start-telegram-login";
import { submitTelegramCode } from "./submit-telegram-code";
import { submitTelegramPassword } from "./submit-telegram-password";
import { loadTelegramLogin, withViewError, type TelegramLoginView } from "./telegram-login-view";

const input = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("phone"), phone: z.string().max(64) }),
  z.object({ intent: z.literal("code"), code: z.string().max(200) }),
  z.object({ intent: z.literal("password"), password: z.string().max(1024) }),
  z.object({ intent: z.literal("resend") }),
  z.object({ intent: z.literal("restart") }),
]);

/**
 * One posted step of the Telegram login form (TelegramLogin's `intent` button), for a caller
 * that has ALREADY checked who may post it: the personal page's owner, or the browser a grant
 * request was armed to. Every step's state is read from the database.
 */
export async function runTelegramStep(db: Db, sessionId: string, form: FormData, opts: TelegramStepOptions = {}): Promise<TelegramLoginView> {
  const parsed = input.safeParse(Object.fromEntries(form));
  if (!parsed.success) return withViewError(await loadTelegramLogin(db, sessionId), "That form was incomplete. Fill in the field and try again.");
  const step = parsed.data;
  switch (step.intent) {
    case "phone":
      return startTelegramLogin(db, sessionId, step.phone, opts);
    case "code":
      return submitTelegramCode(db, sessionId, step.code, opts);
    case "password":
      return submitTelegramPassword(db, sessionId, step.password, opts);
    case "resend":
      return requestNewTelegramCode(db, sessionId, opts);
    case "restart":
      return restartTelegramLogin(db, sessionId);
  }
}
