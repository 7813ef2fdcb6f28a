import { count, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { connections } from "@/db/schema";

/** Connections marked for re-authorization, per provider (the /metrics gauge, read at scrape time). */
export async function countNeedingReauthByProvider(db: DbOrTx): Promise<{ provider: string; n: number }[]> {
  return db.select({ provider: connections.provider, n: count() }).from(connections).where(eq(connections.status, "needs_reauth")).groupBy(connections.provider);
}
