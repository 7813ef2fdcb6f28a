/**
 * Read models for the dashboard's Connections and Activity pages. Every query is scoped to
 * one user and selects explicit columns: no ciphertext column is ever read here.
 */
import { and, asc, desc, eq, isNotNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { apiKeys, auditEvents, connections } from "@/db/schema";
import { markDefaultConnection } from "./connection-defaults";

/** A user's connections with the key that last fetched each (same owner only), default first. */
export function listDashboardConnections(db: DbOrTx, userId: string) {
  return db
    .select({
      id: connections.id,
      provider: connections.provider,
      authType: connections.authType,
      accountId: connections.accountId,
      accountLabel: connections.accountLabel,
      scopes: connections.scopes,
      status: connections.status,
      statusReason: connections.statusReason,
      isDefault: connections.isDefault,
      createdAt: connections.createdAt,
      refreshedAt: connections.refreshedAt,
      expiresAt: connections.expiresAt,
      lastUsedAt: connections.lastUsedAt,
      lastUsedKeyId: apiKeys.id,
      lastUsedKeyName: apiKeys.name,
      lastUsedKeyLastFour: apiKeys.lastFour,
    })
    .from(connections)
    // The owner check in the join keeps another user's key name out even if an id were reused.
    .leftJoin(apiKeys, and(eq(apiKeys.id, connections.lastUsedKeyId), eq(apiKeys.userId, connections.userId)))
    .where(eq(connections.userId, userId))
    .orderBy(asc(connections.provider), desc(connections.isDefault), desc(connections.createdAt));
}

export type DashboardConnectionRow = Awaited<ReturnType<typeof listDashboardConnections>>[number];

/**
 * Make one connection the default for its provider and clear the flag on the user's other
 * accounts there. Returns undefined when the id is not the user's. In a transaction so a
 * concurrent call never leaves two defaults (or none after a clear).
 */
export function setDefaultConnection(db: Db, userId: string, id: string): Promise<{ id: string; provider: string } | undefined> {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: connections.id, provider: connections.provider })
      .from(connections)
      .where(and(eq(connections.id, id), eq(connections.userId, userId)))
      .for("update");
    if (!target) return undefined;
    await markDefaultConnection(tx, userId, target.provider, target.id);
    return target;
  });
}

/** Distinct providers that appear in a user's activity, for the filter. */
export async function listAuditProviders(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ provider: auditEvents.provider })
    .from(auditEvents)
    .where(and(eq(auditEvents.userId, userId), isNotNull(auditEvents.provider)))
    .orderBy(asc(auditEvents.provider));
  return rows.flatMap((r) => (r.provider ? [r.provider] : []));
}
