import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { batchIndex, batchKeys, createBatchLookup } from "@/db/batch-lookup";
import { connections, providerTokenRequests, serviceEndUsers, serviceGrants, serviceProviders, type Connection, type NewConnection, type ProviderTokenRequest, type ServiceGrant, type ServiceProvider } from "@/db/schema";

/** An end user's connections of one provider, most recently updated first (AuthOS's walk order). Never a dashboard user's: user_id IS NULL. */
export function listEndUserConnections(db: DbOrTx, endUserId: string, provider: string): Promise<Connection[]> {
  return db
    .select()
    .from(connections)
    .where(and(eq(connections.endUserId, endUserId), isNull(connections.userId), eq(connections.provider, provider), eq(connections.status, "active")))
    .orderBy(desc(connections.updatedAt));
}

export async function findEndUserConnectionByAccount(db: DbOrTx, endUserId: string, provider: string, accountId: string): Promise<Connection | undefined> {
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.endUserId, endUserId), eq(connections.provider, provider), eq(connections.accountId, accountId)))
    .limit(1);
  return row;
}

export async function insertEndUserConnection(db: DbOrTx, row: NewConnection): Promise<Connection | undefined> {
  const [created] = await db.insert(connections).values(row).onConflictDoNothing().returning();
  return created;
}

export async function findServiceProvider(db: DbOrTx, serviceId: string, provider: string) {
  const [row] = await db
    .select()
    .from(serviceProviders)
    .where(and(eq(serviceProviders.serviceId, serviceId), eq(serviceProviders.provider, provider)))
    .limit(1);
  return row;
}

export async function findActiveGrant(db: DbOrTx, serviceId: string, endUserId: string, connectionId: string): Promise<ServiceGrant | undefined> {
  const [row] = await db
    .select()
    .from(serviceGrants)
    .where(and(eq(serviceGrants.serviceId, serviceId), eq(serviceGrants.endUserId, endUserId), eq(serviceGrants.connectionId, connectionId), eq(serviceGrants.status, "active")))
    .limit(1);
  return row;
}

/** Re-activates a revoked grant and REPLACES its scopes (AuthOS's upsert). */
export async function upsertGrant(db: DbOrTx, row: { id: string; endUserId: string; serviceId: string; connectionId: string; provider: string; scopes: string[]; now: Date }): Promise<ServiceGrant> {
  const [saved] = await db
    .insert(serviceGrants)
    .values({ id: row.id, endUserId: row.endUserId, serviceId: row.serviceId, connectionId: row.connectionId, provider: row.provider, scopes: row.scopes, grantedAt: row.now })
    .onConflictDoUpdate({
      target: [serviceGrants.endUserId, serviceGrants.serviceId, serviceGrants.connectionId],
      set: { scopes: row.scopes, status: "active", grantedAt: row.now, revokedAt: null },
    })
    .returning();
  if (!saved) throw new Error("grant upsert returned no row");
  return saved;
}

/** Grants' last-use stamps in one statement (batched by lib/provider-tokens/issue-provider-token.ts); never moves a stamp back. */
export async function stampGrantsUsed(db: DbOrTx, stamps: { id: string; at: Date }[]): Promise<void> {
  if (!stamps.length) return;
  await db.execute(sql`
    update ${serviceGrants} set last_used_at = v.at
    from jsonb_to_recordset(${JSON.stringify(stamps)}::jsonb) as v(id text, at timestamptz)
    where ${serviceGrants.id} = v.id and (${serviceGrants.lastUsedAt} is null or ${serviceGrants.lastUsedAt} < v.at)`);
}

export type ProviderTokenState = { config: ServiceProvider | null; candidates: { connection: Connection; grant: ServiceGrant | null }[] };

/**
 * Everything POST /api/service/provider-tokens decides on, in ONE query (many asks per statement,
 * gathered per event-loop turn: db/batch-lookup.ts): whether the end user is linked to the
 * service (no row: not linked), the service's configuration of the provider, and the end user's
 * active connections of that provider (most recently updated first, AuthOS's walk order), each
 * with THIS service's active grant on it. Never a personal connection (user_id IS NULL), never
 * another service's grant.
 */
const stateRows = createBatchLookup(
  (db) => {
    const provider = sql`q.p`;
    return db
      .select({ i: batchIndex(), config: serviceProviders, connection: connections, grant: serviceGrants })
      .from(batchKeys("s text, e text, p text"))
      .innerJoin(serviceEndUsers, and(eq(serviceEndUsers.serviceId, sql`q.s`), eq(serviceEndUsers.endUserId, sql`q.e`)))
      .leftJoin(serviceProviders, and(eq(serviceProviders.serviceId, serviceEndUsers.serviceId), eq(serviceProviders.provider, provider)))
      .leftJoin(connections, and(eq(connections.endUserId, serviceEndUsers.endUserId), isNull(connections.userId), eq(connections.provider, provider), eq(connections.status, "active")))
      .leftJoin(serviceGrants, and(eq(serviceGrants.serviceId, serviceEndUsers.serviceId), eq(serviceGrants.endUserId, serviceEndUsers.endUserId), eq(serviceGrants.connectionId, connections.id), eq(serviceGrants.status, "active")))
      .orderBy(sql`q.i`, desc(connections.updatedAt))
      .prepare("akhrot_provider_token_states");
  },
  (ask: { serviceId: string; endUserId: string; provider: string }) => ({ s: ask.serviceId, e: ask.endUserId, p: ask.provider }),
);

export async function loadProviderTokenState(db: Db, serviceId: string, endUserId: string, provider: string): Promise<ProviderTokenState | undefined> {
  const rows = await stateRows(db, { serviceId, endUserId, provider });
  const first = rows[0];
  if (!first) return undefined;
  return { config: first.config, candidates: rows.flatMap((r) => (r.connection ? [{ connection: r.connection, grant: r.grant }] : [])) };
}

export async function insertTokenRequest(db: DbOrTx, row: typeof providerTokenRequests.$inferInsert): Promise<void> {
  await db.insert(providerTokenRequests).values(row);
}

export async function findTokenRequestById(db: DbOrTx, id: string): Promise<ProviderTokenRequest | undefined> {
  const [row] = await db.select().from(providerTokenRequests).where(eq(providerTokenRequests.id, id)).limit(1);
  return row;
}

/** Claim: pending → completed|canceled in one conditional UPDATE; only one caller wins. */
export async function closeTokenRequest(db: DbOrTx, id: string, status: "completed" | "canceled", now: Date): Promise<ProviderTokenRequest | undefined> {
  const [row] = await db
    .update(providerTokenRequests)
    .set({ status, completedAt: status === "completed" ? now : null })
    .where(and(eq(providerTokenRequests.id, id), eq(providerTokenRequests.status, "pending")))
    .returning();
  return row;
}

/** Arm once: the first Continue records the browser binding; returns false when another browser armed it. */
export async function armTokenRequest(db: DbOrTx, id: string, bindingHash: string): Promise<boolean> {
  const rows = await db
    .update(providerTokenRequests)
    .set({ browserBindingHash: bindingHash })
    .where(and(eq(providerTokenRequests.id, id), sql`(${providerTokenRequests.browserBindingHash} is null or ${providerTokenRequests.browserBindingHash} = ${bindingHash})`))
    .returning({ id: providerTokenRequests.id });
  return rows.length > 0;
}

export async function findTokenRequestByHash(db: DbOrTx, stateHash: string): Promise<ProviderTokenRequest | undefined> {
  const [row] = await db.select().from(providerTokenRequests).where(eq(providerTokenRequests.stateHash, stateHash)).limit(1);
  return row;
}

/** Revoke one active grant of this service (the id alone is never trusted: the service must match). */
export async function revokeGrantById(db: DbOrTx, serviceId: string, grantId: string, now: Date): Promise<ServiceGrant | undefined> {
  const [row] = await db
    .update(serviceGrants)
    .set({ status: "revoked", revokedAt: now })
    .where(and(eq(serviceGrants.id, grantId), eq(serviceGrants.serviceId, serviceId), eq(serviceGrants.status, "active")))
    .returning();
  return row;
}

/** An end user's connection that this service holds (or held) a grant on; never a personal connection. */
export async function findServiceGrantedConnection(db: DbOrTx, serviceId: string, connectionId: string): Promise<Connection | undefined> {
  const [row] = await db
    .select({ connection: connections })
    .from(connections)
    .innerJoin(serviceGrants, and(eq(serviceGrants.connectionId, connections.id), eq(serviceGrants.serviceId, serviceId)))
    .where(and(eq(connections.id, connectionId), isNull(connections.userId)))
    .limit(1);
  return row?.connection;
}

/** Revoke every active grant on a connection, whichever of the org's services holds it. */
export function revokeGrantsOfConnection(db: DbOrTx, connectionId: string, now: Date): Promise<ServiceGrant[]> {
  return db
    .update(serviceGrants)
    .set({ status: "revoked", revokedAt: now })
    .where(and(eq(serviceGrants.connectionId, connectionId), eq(serviceGrants.status, "active")))
    .returning();
}

/** Delete an end user's connection (never a personal one). */
export async function deleteEndUserConnection(db: DbOrTx, connectionId: string, endUserId: string): Promise<boolean> {
  const rows = await db
    .delete(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.endUserId, endUserId), isNull(connections.userId)))
    .returning({ id: connections.id });
  return rows.length > 0;
}
