import type { DbOrTx } from "@/db";
import { findOwnedConnection } from "@/db/queries/connections";
import type { Connection } from "@/db/schema";

/**
 * The API-key connection whose key "Replace key" may swap: this user's, of this provider, and
 * pasted (OAuth grants are renewed by reconnecting; Telegram sessions by logging in again).
 */
export async function findReplaceableConnection(db: DbOrTx, userId: string, provider: string, id: string): Promise<Connection | undefined> {
  const row = await findOwnedConnection(db, userId, provider, id);
  return row?.authType === "api_key" ? row : undefined;
}
