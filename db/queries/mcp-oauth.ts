import { and, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { mcpOauthModels } from "@/db/schema";

export type McpOauthRecord = typeof mcpOauthModels.$inferSelect;

/** Insert or replace one record of the MCP authorization server. */
export async function upsertMcpOauthRecord(db: DbOrTx, row: typeof mcpOauthModels.$inferInsert): Promise<void> {
  const { payload, grantId, uid, expiresAt } = row;
  await db
    .insert(mcpOauthModels)
    .values(row)
    .onConflictDoUpdate({ target: [mcpOauthModels.model, mcpOauthModels.idHash], set: { payload, grantId, uid, expiresAt, consumedAt: null } });
}

export async function findMcpOauthRecord(db: DbOrTx, model: string, idHash: string): Promise<McpOauthRecord | undefined> {
  const [row] = await db
    .select()
    .from(mcpOauthModels)
    .where(and(eq(mcpOauthModels.model, model), eq(mcpOauthModels.idHash, idHash)))
    .limit(1);
  return row;
}

export async function findMcpOauthRecordByUid(db: DbOrTx, model: string, uid: string): Promise<McpOauthRecord | undefined> {
  const [row] = await db
    .select()
    .from(mcpOauthModels)
    .where(and(eq(mcpOauthModels.model, model), eq(mcpOauthModels.uid, uid)))
    .limit(1);
  return row;
}

export async function consumeMcpOauthRecord(db: DbOrTx, model: string, idHash: string, at: Date): Promise<void> {
  await db
    .update(mcpOauthModels)
    .set({ consumedAt: at })
    .where(and(eq(mcpOauthModels.model, model), eq(mcpOauthModels.idHash, idHash)));
}

export async function deleteMcpOauthRecord(db: DbOrTx, model: string, idHash: string): Promise<void> {
  await db.delete(mcpOauthModels).where(and(eq(mcpOauthModels.model, model), eq(mcpOauthModels.idHash, idHash)));
}

/** Every record of one grant, of every model (the grant itself, its codes and its tokens). */
export async function deleteMcpOauthGrant(db: DbOrTx, grantId: string): Promise<void> {
  await db.delete(mcpOauthModels).where(eq(mcpOauthModels.grantId, grantId));
}

/** Housekeeping: records past their expiry. */
export async function deleteExpiredMcpOauthRecords(db: DbOrTx, now: Date): Promise<number> {
  const gone = await db.delete(mcpOauthModels).where(lt(mcpOauthModels.expiresAt, now)).returning({ model: mcpOauthModels.model });
  return gone.length;
}

/** Insert unless a record with this id exists (two instances racing to create the signing key: one wins). */
export async function insertMcpOauthRecordIfAbsent(db: DbOrTx, row: typeof mcpOauthModels.$inferInsert): Promise<void> {
  await db.insert(mcpOauthModels).values(row).onConflictDoNothing();
}
