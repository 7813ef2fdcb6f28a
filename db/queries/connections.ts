import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { connections, type Connection } from "@/db/schema";

/** A user's connections, default first then most recently connected. */
export function listConnectionsForUser(db: DbOrTx, userId: string, provider?: string): Promise<Connection[]> {
  return db
    .select()
    .from(connections)
    .where(and(eq(connections.userId, userId), provider ? eq(connections.provider, provider) : undefined))
    .orderBy(desc(connections.isDefault), desc(connections.createdAt));
}
