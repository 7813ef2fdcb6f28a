import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { auditEvents, type AuditEvent } from "@/db/schema";

export type NewAuditEvent = typeof auditEvents.$inferInsert;

export async function insertAuditEvent(db: DbOrTx, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}

/**
 * Many rows in one statement with ONE parameter (the rows as JSON, unpacked by Postgres):
 * the token-fetch batch writer's insert, built in O(1) work on our side however many rows.
 */
export async function insertAuditEvents(db: DbOrTx, events: NewAuditEvent[]): Promise<void> {
  if (!events.length) return;
  const rows = events.map((e) => ({
    user_id: e.userId,
    api_key_id: e.apiKeyId ?? null,
    action: e.action,
    provider: e.provider ?? null,
    connection_id: e.connectionId ?? null,
    outcome: e.outcome ?? "success",
    detail: e.detail ?? {},
    count: e.count ?? 1,
    created_at: e.createdAt ?? new Date(),
  }));
  await db.execute(sql`
    insert into ${auditEvents} (user_id, api_key_id, action, provider, connection_id, outcome, detail, count, created_at)
    select user_id, api_key_id, action, provider, connection_id, outcome, detail, count, created_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(user_id text, api_key_id text, action text, provider text, connection_id text, outcome text, detail jsonb, count int, created_at timestamptz)`);
}

export function listAuditEvents(
  db: DbOrTx,
  userId: string,
  opts: { provider?: string; apiKeyId?: string; outcome?: "success" | "failure"; before?: number; limit: number },
): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.userId, userId),
        opts.provider ? eq(auditEvents.provider, opts.provider) : undefined,
        opts.apiKeyId ? eq(auditEvents.apiKeyId, opts.apiKeyId) : undefined,
        opts.outcome ? eq(auditEvents.outcome, opts.outcome) : undefined,
        opts.before ? lt(auditEvents.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(opts.limit);
}
