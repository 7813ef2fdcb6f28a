import type { Db } from "@/db";
import { findApiKeyById } from "@/db/queries/api-keys";
import { findConnectSession } from "@/db/queries/connect-sessions";
import { findDefaultConnection } from "@/db/queries/connection-defaults";
import { findConnectionById, findOwnedConnection } from "@/db/queries/connections";
import { findUserById } from "@/db/queries/users";
import { sha256Hex } from "@/lib/crypto";
import { getProvider, type Provider } from "@/lib/providers";
import { authorizeLinkVisitor } from "./authorize-link-visitor";
import { isConnectSessionId } from "./link-csrf";
import { maskEmail } from "./mask-email";
import { effectiveStatus } from "./session-status";

/** How long after completion the page still names the connected account (S21): then it shows only that it is done. */
export const COMPLETED_LABEL_MS = 10 * 60_000;

/** Who asked: the agent key's name, or null when the owner started it in the dashboard. */
type Asked = { provider: Provider; maskedEmail: string; requestedBy: string | null };

export type ConnectPage =
  | { state: "not_found" }
  | { state: "sign_in" }
  | { state: "other_user" }
  | { state: "unverified" }
  | ({ state: "pending" | "expired"; scopes: string[]; expiresAt: Date; startedElsewhere: boolean; replacing?: string; currentDefault?: string } & Asked)
  | ({ state: "completed"; accountLabel: string | null; isDefault: boolean; defaultLabel: string | null } & Asked)
  | ({ state: "failed"; error: string } & Asked);

/**
 * Everything the hosted /connect/{id} page shows; no secrets. Nothing about the session is
 * shown to anyone but its owner, signed in (authorizeLinkVisitor).
 */
export async function loadConnectPage(
  db: Db,
  sessionId: string,
  visitorUserId: string | undefined,
  opts: { browserBinding?: string; now?: Date } = {},
): Promise<ConnectPage> {
  const now = opts.now ?? new Date();
  const session = isConnectSessionId(sessionId) ? await findConnectSession(db, sessionId) : undefined;
  const provider = session ? getProvider(session.provider) : undefined;
  // A session without a dashboard owner carries a service's hosted grant (/connect/provider-token/…), never this page.
  const ownerId = session?.userId;
  if (!session || !provider || !ownerId) return { state: "not_found" };
  const visitor = await authorizeLinkVisitor(db, session, visitorUserId);
  if (!visitor.ok) return { state: visitor.reason };
  const user = await findUserById(db, ownerId);
  if (!user) return { state: "not_found" };
  const key = session.apiKeyId ? await findApiKeyById(db, session.apiKeyId) : undefined;
  const asked: Asked = { provider, maskedEmail: maskEmail(user.email), requestedBy: session.apiKeyId ? (key?.name ?? "a deleted agent key") : null };
  const status = effectiveStatus(session, now);
  if (status === "completed") {
    const recent = session.completedAt !== null && now.getTime() - session.completedAt.getTime() < COMPLETED_LABEL_MS;
    const conn = recent && session.connectionId ? await findConnectionById(db, session.connectionId) : undefined;
    // Which account agents get now, said in words: this one, or the default the person kept.
    const kept = conn && !conn.isDefault ? await findDefaultConnection(db, ownerId, session.provider) : undefined;
    return { state: "completed", ...asked, accountLabel: conn?.accountLabel ?? null, isDefault: conn?.isDefault ?? false, defaultLabel: kept ? (kept.accountLabel ?? kept.accountId) : null };
  }
  if (status === "failed") return { state: "failed", ...asked, error: session.error ?? "unknown_error" };
  const page = { state: status, ...asked, scopes: session.scopes, expiresAt: session.expiresAt, startedElsewhere: session.browserBindingHash !== null && session.browserBindingHash !== sha256Hex(opts.browserBinding ?? "") };
  if (!session.replaceConnectionId) {
    // A second account of the provider: the page asks whether it becomes the default, naming the current one.
    const current = status === "pending" ? await findDefaultConnection(db, ownerId, session.provider) : undefined;
    return current ? { ...page, currentDefault: current.accountLabel ?? current.accountId } : page;
  }
  // "Replace key": name the account whose key is swapped (its masked label, never the key).
  const target = await findOwnedConnection(db, ownerId, session.provider, session.replaceConnectionId);
  return { ...page, replacing: target?.accountLabel ?? `your ${provider.name} key` };
}
