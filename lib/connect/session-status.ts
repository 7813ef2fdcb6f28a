import type { Db } from "@/db";
import { findConnectSession } from "@/db/queries/connect-sessions";
import type { ConnectSession, ConnectSessionStatus } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";

/** pending past its 10 minutes reads as expired (no background job needed). */
export function effectiveStatus(s: ConnectSession, now = new Date()): ConnectSessionStatus {
  return s.status === "pending" && s.expiresAt <= now ? "expired" : s.status;
}

export type SessionView = { sessionId: string; provider: string; status: ConnectSessionStatus; expiresAt: string; connectionId?: string; error?: string };

export function sessionView(s: ConnectSession, now = new Date()): SessionView {
  return {
    sessionId: s.id,
    provider: s.provider,
    status: effectiveStatus(s, now),
    expiresAt: s.expiresAt.toISOString(),
    ...(s.connectionId ? { connectionId: s.connectionId } : {}),
    ...(s.error ? { error: s.error } : {}),
  };
}

/**
 * The session if it belongs to this key's user and is for a provider the key may use (S21: a
 * key restricted to github does not read the user's google sessions); otherwise the same 404
 * as for one that does not exist.
 */
export async function getOwnSession(db: Db, key: { userId: string; providers: string[] | null }, id: string): Promise<ConnectSession> {
  const s = /^cs_[0-9A-Za-z]{22}$/.test(id) ? await findConnectSession(db, id) : undefined;
  if (!s || s.userId !== key.userId || (key.providers && !key.providers.includes(s.provider))) {
    throw new ApiError("NOT_FOUND", "No connect session with that id for this API key. Create one with POST /oauth/sessions.");
  }
  return s;
}
