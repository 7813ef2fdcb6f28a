import { and, asc, desc, eq, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { batchIndex, batchKeys, createBatchLookup } from "@/db/batch-lookup";
import { connections, type Connection, type NewConnection } from "@/db/schema";

/**
 * The token-fetch lookup for many (user, provider) pairs at once (db/batch-lookup.ts): per pair,
 * the same rows as `listConnectionsForUser(db, userId, provider)`, default first then most
 * recently connected.
 */
const forProvider = createBatchLookup(
  (db) =>
    db
      // The row nested (drizzle builds it while mapping): spreading 25 columns around `i` cost more than the mapping.
      .select({ i: batchIndex(), connection: connections })
      .from(batchKeys("u text, p text"))
      .innerJoin(connections, and(eq(connections.userId, sql`q.u`), eq(connections.provider, sql`q.p`)))
      .orderBy(sql`q.i`, desc(connections.isDefault), desc(connections.createdAt))
      .prepare("akhrot_connections_for_providers"),
  (k: { userId: string; provider: string }) => ({ u: k.userId, p: k.provider }),
);

/** The token-fetch lookup: a user's connections of one provider, default first then most recently connected. */
export async function listProviderConnections(db: Db, userId: string, provider: string): Promise<Connection[]> {
  return (await forProvider(db, { userId, provider })).map((r) => r.connection);
}

/** Last-used stamps (time and key) for many connections in one statement; a stamp never moves backwards. */
export async function stampConnectionsUsed(db: DbOrTx, stamps: { id: string; at: Date; keyId: string }[]): Promise<void> {
  if (!stamps.length) return;
  await db.execute(sql`
    update ${connections} set last_used_at = v.at, last_used_key_id = v.key_id
    from jsonb_to_recordset(${JSON.stringify(stamps.map((s) => ({ id: s.id, at: s.at, key_id: s.keyId })))}::jsonb) as v(id text, at timestamptz, key_id text)
    where ${connections.id} = v.id and (${connections.lastUsedAt} is null or ${connections.lastUsedAt} < v.at)`);
}

/** A user's connections, default first then most recently connected. */
export function listConnectionsForUser(db: DbOrTx, userId: string, provider?: string): Promise<Connection[]> {
  return db
    .select()
    .from(connections)
    .where(and(eq(connections.userId, userId), provider ? eq(connections.provider, provider) : undefined))
    .orderBy(desc(connections.isDefault), desc(connections.createdAt));
}

export async function findConnectionById(db: DbOrTx, id: string): Promise<Connection | undefined> {
  const [row] = await db.select().from(connections).where(eq(connections.id, id)).limit(1);
  return row;
}

/** One of a user's connections of a provider, matched by `match`. */
async function findUserProviderConnection(db: DbOrTx, userId: string, provider: string, match: SQL): Promise<Connection | undefined> {
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.userId, userId), eq(connections.provider, provider), match))
    .limit(1);
  return row;
}

/** A connection only if it is this user's and of this provider: ids from a form or a session are never trusted alone. */
export function findOwnedConnection(db: DbOrTx, userId: string, provider: string, id: string): Promise<Connection | undefined> {
  return findUserProviderConnection(db, userId, provider, eq(connections.id, id));
}

export function findConnectionByAccount(db: DbOrTx, userId: string, provider: string, accountId: string): Promise<Connection | undefined> {
  return findUserProviderConnection(db, userId, provider, eq(connections.accountId, accountId));
}

/** Insert, or report the id already holding (user, provider, account) so the caller updates it in place. */
export async function insertConnectionIfAbsent(db: DbOrTx, row: NewConnection): Promise<Connection | undefined> {
  const [created] = await db.insert(connections).values(row).onConflictDoNothing().returning();
  return created;
}

export async function updateConnection(db: DbOrTx, id: string, set: Partial<NewConnection>): Promise<Connection | undefined> {
  const [row] = await db.update(connections).set({ ...set, updatedAt: new Date() }).where(eq(connections.id, id)).returning();
  return row;
}

/**
 * Take the refresh lease with a fresh fencing token. `free`: only when nobody holds it (the
 * normal case); `lapsed`: only when a previous holder's lease ran out (it may have crashed,
 * or it may still be saving what the provider answered it). Returns the row to the winner only.
 */
export async function tryAcquireRefreshLease(
  db: DbOrTx,
  id: string,
  lease: { owner: string; now: Date; until: Date; when: "free" | "lapsed" },
): Promise<Connection | undefined> {
  const held = lease.when === "free" ? isNull(connections.refreshLeaseUntil) : lt(connections.refreshLeaseUntil, lease.now);
  const [row] = await db
    .update(connections)
    .set({ refreshLeaseUntil: lease.until, refreshLeaseOwner: lease.owner })
    .where(and(eq(connections.id, id), held))
    .returning();
  return row;
}

/** A lease holder's write: applied only while `owner` still holds the lease (undefined = someone else does). */
export async function updateAsLeaseHolder(db: DbOrTx, id: string, owner: string, set: Partial<NewConnection>): Promise<Connection | undefined> {
  const [row] = await db
    .update(connections)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(connections.id, id), eq(connections.refreshLeaseOwner, owner)))
    .returning();
  return row;
}

/** Give the lease back (a no-op when it already passed to someone else). */
export async function releaseRefreshLease(db: DbOrTx, id: string, owner: string): Promise<void> {
  await db
    .update(connections)
    .set({ refreshLeaseUntil: null, refreshLeaseOwner: null })
    .where(and(eq(connections.id, id), eq(connections.refreshLeaseOwner, owner)));
}

/**
 * Compare-and-set on the stored tokens: applied only if both ciphertexts are still the ones
 * the caller read (every save seals with a fresh IV, so any save or reconnect since changes them).
 */
export async function updateConnectionIfTokensAre(
  db: DbOrTx,
  id: string,
  seen: { accessTokenEnc: string | null; refreshTokenEnc: string | null },
  set: Partial<NewConnection>,
): Promise<Connection | undefined> {
  const same = (column: typeof connections.accessTokenEnc | typeof connections.refreshTokenEnc, value: string | null) => (value === null ? isNull(column) : eq(column, value));
  const [row] = await db
    .update(connections)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(connections.id, id), same(connections.accessTokenEnc, seen.accessTokenEnc), same(connections.refreshTokenEnc, seen.refreshTokenEnc)))
    .returning();
  return row;
}

export async function deleteConnectionRow(db: DbOrTx, id: string, userId: string): Promise<Connection | undefined> {
  const [row] = await db.delete(connections).where(and(eq(connections.id, id), eq(connections.userId, userId))).returning();
  return row;
}

/** OAuth connections that expire before `before`, are active, refreshable and not backing off. */
export function listRefreshDue(db: DbOrTx, now: Date, before: Date, limit: number): Promise<Connection[]> {
  return db
    .select()
    .from(connections)
    .where(
      and(
        eq(connections.authType, "oauth2"),
        eq(connections.status, "active"),
        isNotNull(connections.refreshTokenEnc),
        lt(connections.expiresAt, before),
        or(isNull(connections.nextRefreshAt), lt(connections.nextRefreshAt, now)),
      ),
    )
    .orderBy(asc(connections.expiresAt))
    .limit(limit);
}
