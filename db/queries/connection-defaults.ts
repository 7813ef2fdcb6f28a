/**
 * Which of a user's accounts of a provider agents get when they name none (issue 17 item 4).
 * The flag is only ever moved by the person: the first account of a provider becomes the
 * default, a later one only when the person says so on the hosted connect page or the
 * Connections page, and a disconnected default hands over to the newest remaining account
 * (the one /tokens/fetch would have picked anyway) so there is always exactly one, named.
 */
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { connections } from "@/db/schema";

/** One statement: `id` becomes the default, every other account of the provider stops being it. */
export async function markDefaultConnection(db: DbOrTx, userId: string, provider: string, id: string): Promise<void> {
  await db
    .update(connections)
    .set({ isDefault: sql`${connections.id} = ${id}` })
    .where(and(eq(connections.userId, userId), eq(connections.provider, provider)));
}

/** The current default among the user's other accounts of the provider, if any. */
export async function findDefaultConnection(db: DbOrTx, userId: string, provider: string, exceptId?: string) {
  const [row] = await db
    .select({ id: connections.id, accountId: connections.accountId, accountLabel: connections.accountLabel })
    .from(connections)
    .where(and(eq(connections.userId, userId), eq(connections.provider, provider), eq(connections.isDefault, true), exceptId ? ne(connections.id, exceptId) : undefined))
    .orderBy(desc(connections.createdAt))
    .limit(1);
  return row;
}

/**
 * After saving `id`: it becomes the default when the person chose so, or when no other
 * account of the provider is the default (the first account). Otherwise nothing moves.
 */
export async function settleDefaultAfterSave(db: DbOrTx, userId: string, provider: string, id: string, makeDefault: boolean): Promise<void> {
  if (makeDefault || !(await findDefaultConnection(db, userId, provider, id))) await markDefaultConnection(db, userId, provider, id);
}

/** After a delete: if no default is left, the newest remaining account becomes it. */
export async function settleDefaultAfterDelete(db: DbOrTx, userId: string, provider: string): Promise<void> {
  if (await findDefaultConnection(db, userId, provider)) return;
  const [newest] = await db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.userId, userId), eq(connections.provider, provider)))
    .orderBy(desc(connections.createdAt))
    .limit(1);
  if (newest) await markDefaultConnection(db, userId, provider, newest.id);
}
