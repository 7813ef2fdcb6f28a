"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { requestOrigin } from "@/lib/auth/request-origin";
import { env } from "@/lib/env";
import { grantTelegramStep } from "@/lib/provider-tokens/grant-telegram";
import type { TelegramLoginView } from "@/lib/telegram/telegram-login-view";

/** Server action behind the grant's Telegram login: the checks live in grantTelegramStep; the last step leaves for the service. */
export async function grantTelegramLoginStep(state: string, sessionId: string, _prev: TelegramLoginView, form: FormData): Promise<TelegramLoginView> {
  const base = await requestOrigin();
  const request = new Request(`${base}/connect/provider-token/${encodeURIComponent(state)}/telegram`, { method: "POST", headers: new Headers(await headers()) });
  const view = await grantTelegramStep(await getDb(), { state, sessionId, request, form, appUrl: env().APP_URL });
  if (view.step === "done" && view.redirectTo) redirect(view.redirectTo);
  return view;
}
