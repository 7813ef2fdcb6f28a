import type { Db } from "@/db";
import { findConnectSession } from "@/db/queries/connect-sessions";
import { findConnectionById, findOwnedConnection } from "@/db/queries/connections";
import { findUserById } from "@/db/queries/users";
import { getProvider, type Provider } from "@/lib/providers";
import { maskEmail } from "./mask-email";
import { effectiveStatus } from "./session-status";

export type ConnectPage =
  | { state: "not_found" }
  | { state: "pending" | "expired"; provider: Provider; maskedEmail: string; scopes: string[]; expiresAt: Date; replacing?: string }
  | { state: "completed"; provider: Provider; maskedEmail: string; accountLabel: string | null }
  | { state: "failed"; provider: Provider; maskedEmail: string; error: string };

/** Everything the hosted /connect/{id} page shows; no secrets. */
export async function loadConnectPage(db: Db, sessionId: string): Promise<ConnectPage> {
  const session = /^cs_[0-9A-Za-z]{22}$/.test(sessionId) ? await findConnectSession(db, sessionId) : undefined;
  const provider = session ? getProvider(session.provider) : undefined;
  const user = session ? await findUserById(db, session.userId) : undefined;
  if (!session || !provider || !user) return { state: "not_found" };
  const maskedEmail = maskEmail(user.email);
  const status = effectiveStatus(session);
  if (status === "completed") {
    const conn = session.connectionId ? await findConnectionById(db, session.connectionId) : undefined;
    return { state: "completed", provider, maskedEmail, accountLabel: conn?.accountLabel ?? null };
  }
  if (status === "failed") return { state: "failed", provider, maskedEmail, error: session.error ?? "unknown_error" };
  const page = { state: status, provider, maskedEmail, scopes: session.scopes, expiresAt: session.expiresAt };
  if (!session.replaceConnectionId) return page;
  // "Replace key": name the account whose key is swapped (its masked label, never the key).
  const target = await findOwnedConnection(db, session.userId, session.provider, session.replaceConnectionId);
  return { ...page, replacing: target?.accountLabel ?? `your ${provider.name} key` };
}
