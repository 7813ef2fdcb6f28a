import type { Db } from "@/db";
import { findConnectSession } from "@/db/queries/connect-sessions";
import { findTokenRequestById } from "@/db/queries/provider-tokens";
import type { ConnectSession } from "@/db/schema";
import { effectiveStatus } from "@/lib/connect/session-status";
import { env } from "@/lib/env";
import { getProvider } from "@/lib/providers";
import { ownerMayAct, UNVERIFIED_MESSAGE } from "@/lib/users/account-may-act";
import type { TelegramLoginView } from "./telegram-login-view";

/** `codeLimitKey`: whom the sendCode limit counts against (the link's owner, or the service's end user). */
export type OpenedTelegramLogin = { ok: true; session: ConnectSession; apiId: number; apiHash: string; codeLimitKey: string } | { ok: false; view: TelegramLoginView };

export const LINK_CLOSED = "This link has expired or was already used. Ask your agent for a new one.";
export const NOT_CONFIGURED =
  "Telegram sign-in is not set up on this Akhrot instance: the operator must set TELEGRAM_API_ID and TELEGRAM_API_HASH (from my.telegram.org).";

/**
 * Every step starts here: a pending, unexpired Telegram session on an instance that has app
 * credentials. The session belongs either to a dashboard user (an agent's link) or, ownerless,
 * to a service's pending provider-token request (the hosted grant flow, issue 13).
 */
export async function openTelegramLogin(db: Db, sessionId: string, now = new Date()): Promise<OpenedTelegramLogin> {
  const session = /^cs_[0-9A-Za-z]{22}$/.test(sessionId) ? await findConnectSession(db, sessionId) : undefined;
  if (!session || effectiveStatus(session, now) !== "pending") return { ok: false, view: { step: "closed", error: LINK_CLOSED } };
  const codeLimitKey = await codeLimitKeyOf(db, session, now);
  if (!codeLimitKey) return { ok: false, view: { step: "closed", error: LINK_CLOSED } };
  if (session.userId && !(await ownerMayAct(db, session.userId))) return { ok: false, view: { step: "closed", error: UNVERIFIED_MESSAGE } };
  if (getProvider(session.provider)?.authType !== "mtproto") return { ok: false, view: { step: "closed", error: "This link is not for Telegram." } };
  const { TELEGRAM_API_ID, TELEGRAM_API_HASH } = env();
  if (!TELEGRAM_API_ID || !TELEGRAM_API_HASH) return { ok: false, view: { step: "closed", error: NOT_CONFIGURED } };
  return { ok: true, session, apiId: Number(TELEGRAM_API_ID), apiHash: TELEGRAM_API_HASH, codeLimitKey };
}

/** The owner, or the end user of a still-pending grant request; undefined when the session has neither. */
async function codeLimitKeyOf(db: Db, session: ConnectSession, now: Date): Promise<string | undefined> {
  if (session.userId) return session.userId;
  if (!session.providerTokenRequestId) return undefined;
  const request = await findTokenRequestById(db, session.providerTokenRequestId);
  return request?.status === "pending" && request.expiresAt > now ? `end_user:${request.endUserId}` : undefined;
}
