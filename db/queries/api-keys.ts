import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { batchIndex, batchKeys, createBatchLookup } from "@/db/batch-lookup";
import { apiKeys, users, type ApiKey } from "@/db/schema";

export async function insertApiKey(db: DbOrTx, row: typeof apiKeys.$inferInsert): Promise<ApiKey> {
  const [created] = await db.insert(apiKeys).values(row).returning();
  if (!created) throw new Error("insert into api_keys returned no row");
  return created;
}

/**
 * Key rows and their owners' emails by digest, for many digests in one statement: the misses of
 * the per-process key cache, gathered per event-loop turn (db/batch-lookup.ts).
 */
const byHash = createBatchLookup(
  (db) =>
    db
      .select({ i: batchIndex(), key: apiKeys, email: users.email })
      .from(batchKeys("h text"))
      .innerJoin(apiKeys, eq(apiKeys.keyHash, sql`q.h`))
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .prepare("akhrot_api_keys_by_hash"),
  (h: string) => ({ h }),
);

/** The key row and its owner's email, by digest. One indexed round trip, shared with the other lookups of its turn. */
export async function findApiKeyByHash(db: Db, keyHash: string): Promise<{ key: ApiKey; email: string } | undefined> {
  return (await byHash(db, keyHash))[0];
}

/** Keys and their owners' emails by id (the key cache's background re-check; it sends at most 1,000 ids). */
export function findApiKeysByIds(db: Db, ids: string[]): Promise<{ key: ApiKey; email: string }[]> {
  return db.select({ key: apiKeys, email: users.email }).from(apiKeys).innerJoin(users, eq(users.id, apiKeys.userId)).where(inArray(apiKeys.id, ids));
}

export function listApiKeysForUser(db: DbOrTx, userId: string): Promise<ApiKey[]> {
  return db.select().from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(desc(apiKeys.createdAt));
}

export async function findApiKeyById(db: DbOrTx, id: string): Promise<ApiKey | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return row;
}

/** Revoke if not yet revoked; owner check in the same statement. Returns the row when it changed. */
export async function revokeApiKeyRow(db: DbOrTx, id: string, userId?: string): Promise<ApiKey | undefined> {
  const owner = userId ? eq(apiKeys.userId, userId) : undefined;
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt), owner))
    .returning();
  return row;
}

/** Last-used stamps for many keys in one statement (one parameter; a stamp never moves backwards). */
export async function stampApiKeysUsed(db: DbOrTx, stamps: { id: string; at: Date }[]): Promise<void> {
  if (!stamps.length) return;
  await db.execute(sql`
    update ${apiKeys} set last_used_at = v.at
    from jsonb_to_recordset(${JSON.stringify(stamps)}::jsonb) as v(id text, at timestamptz)
    where ${apiKeys.id} = v.id and (${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < v.at)`);
}

/** Set a key's MCP credential-reveal opt-in; owner check in the same statement. Returns the row when one matched. */
export async function setApiKeyMcpReveal(db: DbOrTx, id: string, userId: string, enabled: boolean): Promise<ApiKey | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ mcpRevealCredentials: enabled })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

/** The row that stands for an MCP client's OAuth grant, and its owner's email. */
export async function findApiKeyByGrantId(db: DbOrTx, grantId: string) {
  const [row] = await db
    .select({ key: apiKeys, email: users.email })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.mcpGrantId, grantId))
    .limit(1);
  return row;
}
