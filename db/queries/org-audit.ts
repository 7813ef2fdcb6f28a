import { and, desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { orgAuditEvents, type OrgAuditEvent } from "@/db/schema";

export type NewOrgAuditEvent = typeof orgAuditEvents.$inferInsert;

export async function insertOrgAuditEvent(db: DbOrTx, event: NewOrgAuditEvent): Promise<void> {
  await db.insert(orgAuditEvents).values(event);
}

export function listOrgAuditEvents(db: DbOrTx, orgId: string, opts: { serviceId?: string; before?: number; limit: number }): Promise<OrgAuditEvent[]> {
  return db
    .select()
    .from(orgAuditEvents)
    .where(and(eq(orgAuditEvents.orgId, orgId), opts.serviceId ? eq(orgAuditEvents.serviceId, opts.serviceId) : undefined, opts.before ? lt(orgAuditEvents.id, opts.before) : undefined))
    .orderBy(desc(orgAuditEvents.id))
    .limit(opts.limit);
}
