import type { Db } from "@/db";
import { listConnectionsForUser } from "@/db/queries/connections";
import type { Connection } from "@/db/schema";
import type { ContextConnection } from "@/lib/context/types";
import { isProviderCode } from "@/lib/providers";

export function toContextConnection(row: Connection): ContextConnection | undefined {
  if (!isProviderCode(row.provider)) return undefined;
  return {
    id: row.id,
    provider: row.provider,
    accountId: row.accountId,
    accountLabel: row.accountLabel,
    scopes: row.scopes,
    status: row.status,
    isDefault: row.isDefault,
    expiresAt: row.expiresAt,
  };
}

/** The user's connections in the shape the context builders take (default account first). */
export async function listContextConnections(db: Db, userId: string, provider?: string): Promise<ContextConnection[]> {
  const rows = await listConnectionsForUser(db, userId, provider);
  return rows.flatMap((r) => toContextConnection(r) ?? []);
}
