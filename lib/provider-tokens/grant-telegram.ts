/**
 * Telegram's phone login on the hosted grant page (phone → code → 2FA password), through the
 * same step code as an agent's link (lib/telegram). There is no Akhrot user to check, so each
 * step must come from the browser the request was armed to: same origin, the link's CSRF
 * cookie equal to the form's token, and the binding cookie whose hash the request holds.
 * The connect session must be the ownerless one armed for THIS request. The last step
 * finishes through the grant (completeTelegramGrant) and names the redirect back.
 */
import type { Db } from "@/db";
import { findConnectSession } from "@/db/queries/connect-sessions";
import { publicIpLimit, TOO_MANY_ATTEMPTS } from "@/lib/api/ip-limit";
import { isSameOriginFormPost } from "@/lib/api/same-origin";
import { cookieFromHeader, isConnectSessionId, LINK_CSRF_FIELD, linkCsrfMatches } from "@/lib/connect/link-csrf";
import { safeEqual, sha256Hex } from "@/lib/crypto";
import { LINK_CLOSED } from "@/lib/telegram/open-telegram-login";
import { runTelegramStep } from "@/lib/telegram/run-telegram-step";
import type { TelegramStepOptions } from "@/lib/telegram/start-telegram-login";
import { loadTelegramLogin, withViewError, type TelegramLoginView } from "@/lib/telegram/telegram-login-view";
import { grantCsrfCookie, grantRearmCookie, loadGrantPage, type GrantPage } from "./grant-page";

export const GRANT_STEP_REFUSALS = {
  cross_site: "This request did not come from this page, so it was refused. Open the link again and use its buttons.",
  csrf: "This page is out of date. Open the link again and try again.",
  other_browser: "This link was started in another browser. Finish there, or go back to the app for a new link.",
} as const;

type Opened = { ok: true; page: Extract<GrantPage, { kind: "open" }> } | { ok: false; view: TelegramLoginView };

/** The open request behind `state`, armed to the browser holding `binding`, with `sessionId` its Telegram session. */
async function openGrantTelegram(db: Db, state: string, sessionId: string, binding: string | undefined): Promise<Opened> {
  const page = await loadGrantPage(db, state);
  if (page.kind === "gone") return { ok: false, view: { step: "done", redirectTo: page.redirectTo } };
  if (page.kind !== "open" || page.provider.authType !== "mtproto" || !isConnectSessionId(sessionId)) return { ok: false, view: { step: "closed", error: LINK_CLOSED } };
  const armedTo = page.request.browserBindingHash;
  if (!binding || !armedTo || !safeEqual(sha256Hex(binding), armedTo)) return { ok: false, view: { step: "closed", error: GRANT_STEP_REFUSALS.other_browser } };
  const session = await findConnectSession(db, sessionId);
  if (session?.providerTokenRequestId !== page.request.id || session.userId !== null) return { ok: false, view: { step: "closed", error: LINK_CLOSED } };
  return { ok: true, page };
}

/** The step to show when the Telegram page (re)loads in the armed browser. */
export async function loadGrantTelegram(db: Db, state: string, sessionId: string, cookieHeader: string | null): Promise<TelegramLoginView> {
  const opened = await openGrantTelegram(db, state, sessionId, cookieFromHeader(cookieHeader, grantRearmCookie(state)));
  return opened.ok ? loadTelegramLogin(db, sessionId) : opened.view;
}

/** One posted step. `request` carries the browser's headers (origin, cookies, client IP). */
export async function grantTelegramStep(
  db: Db,
  input: { state: string; sessionId: string; request: Request; form: FormData; appUrl?: string },
  opts: TelegramStepOptions = {},
): Promise<TelegramLoginView> {
  const { state, sessionId, request, form } = input;
  if (!(await publicIpLimit(request.headers)).ok) return withViewError(await loadGrantTelegram(db, state, sessionId, request.headers.get("cookie")), TOO_MANY_ATTEMPTS);
  if (!isSameOriginFormPost(request, input.appUrl)) return { step: "closed", error: GRANT_STEP_REFUSALS.cross_site };
  const cookies = request.headers.get("cookie");
  if (!linkCsrfMatches(cookieFromHeader(cookies, grantCsrfCookie(state)), form.get(LINK_CSRF_FIELD))) return { step: "closed", error: GRANT_STEP_REFUSALS.csrf };
  const opened = await openGrantTelegram(db, state, sessionId, cookieFromHeader(cookies, grantRearmCookie(state)));
  if (!opened.ok) return opened.view;
  return runTelegramStep(db, sessionId, form, opts);
}
