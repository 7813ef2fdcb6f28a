import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { orgAuditEvents, type OrgAuditEvent } from "@/db/schema";

export type NewOrgAuditEvent = typeof orgAuditEvents.$inferInsert;

export async function insertOrgAuditEvent(db: DbOrTx, event: NewOrgAuditEvent): Promise<void> {
  await db.insert(orgAuditEvents).values(event);
}

/** Many rows in one statement (the provider-tokens hot path's batches, lib/orgs/queue-org-event.ts). */
export async function insertOrgAuditEvents(db: DbOrTx, events: NewOrgAuditEvent[]): Promise<void> {
  if (!events.length) return;
  const rows = events.map((e) => ({
    org_id: e.orgId,
    service_id: e.serviceId ?? null,
    actor_user_id: e.actorUserId ?? null,
    service_key_id: e.serviceKeyId ?? null,
    action: e.action,
    target_type: e.targetType ?? null,
    target_id: e.targetId ?? null,
    detail: e.detail ?? {},
    created_at: e.createdAt ?? new Date(),
  }));
  await db.execute(sql`
    insert into ${orgAuditEvents} (org_id, service_id, actor_user_id, service_key_id, action, target_type, target_id, detail, created_at)
    select org_id, service_id, actor_user_id, service_key_id, action, target_type, target_id, detail, created_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(org_id text, service_id text, actor_user_id text, service_key_id text, action text, target_type text, target_id text, detail jsonb, created_at timestamptz)`);
}

export function listOrgAuditEvents(db: DbOrTx, orgId: string, opts: { serviceId?: string; before?: number; limit: number }): Promise<OrgAuditEvent[]> {
  return db
    .select()
    .from(orgAuditEvents)
    .where(and(eq(orgAuditEvents.orgId, orgId), opts.serviceId ? eq(orgAuditEvents.serviceId, opts.serviceId) : undefined, opts.before ? lt(orgAuditEvents.id, opts.before) : undefined))
    .orderBy(desc(orgAuditEvents.id))
    .limit(opts.limit);
}
