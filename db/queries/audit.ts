import { and, desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { auditEvents, type AuditEvent } from "@/db/schema";

export type NewAuditEvent = typeof auditEvents.$inferInsert;

export async function insertAuditEvent(db: DbOrTx, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}

export function listAuditEvents(
  db: DbOrTx,
  userId: string,
  opts: { provider?: string; apiKeyId?: string; before?: number; limit: number },
): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.userId, userId),
        opts.provider ? eq(auditEvents.provider, opts.provider) : undefined,
        opts.apiKeyId ? eq(auditEvents.apiKeyId, opts.apiKeyId) : undefined,
        opts.before ? lt(auditEvents.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(opts.limit);
}
