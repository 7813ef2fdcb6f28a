import { and, count, countDistinct, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { orgAuditEvents, providerTokenRequests, serviceEndUsers, serviceGrants, subscriptions } from "@/db/schema";

export async function countServiceTotals(db: DbOrTx, serviceId: string) {
  const [[users], [subs]] = await Promise.all([
    db.select({ n: count() }).from(serviceEndUsers).where(eq(serviceEndUsers.serviceId, serviceId)),
    db
      .select({ total: count(), active: sql<number>`count(*) filter (where ${subscriptions.status} = 'active')::int` })
      .from(subscriptions)
      .where(eq(subscriptions.serviceId, serviceId)),
  ]);
  return { users: users?.n ?? 0, subscriptions: subs?.total ?? 0, activeSubscriptions: subs?.active ?? 0 };
}

/** Logins = hosted provider authorizations completed for this service since `since`. */
export async function countLogins(db: DbOrTx, serviceId: string, since: Date) {
  const [row] = await db
    .select({ logins: count(), users: countDistinct(providerTokenRequests.endUserId) })
    .from(providerTokenRequests)
    .where(and(eq(providerTokenRequests.serviceId, serviceId), eq(providerTokenRequests.status, "completed"), gte(providerTokenRequests.completedAt, since)));
  return { logins: row?.logins ?? 0, uniqueUsers: row?.users ?? 0 };
}

export async function countTokensIssued(db: DbOrTx, serviceId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(orgAuditEvents)
    .where(and(eq(orgAuditEvents.serviceId, serviceId), eq(orgAuditEvents.action, "provider_token.issued"), gte(orgAuditEvents.createdAt, since)));
  return row?.n ?? 0;
}

export function countActiveGrantsByProvider(db: DbOrTx, serviceId: string) {
  return db
    .select({ provider: serviceGrants.provider, n: count() })
    .from(serviceGrants)
    .where(and(eq(serviceGrants.serviceId, serviceId), eq(serviceGrants.status, "active")))
    .groupBy(serviceGrants.provider);
}

/** Per UTC day since `since`: completed authorizations and tokens issued (for the 30-day chart). */
export async function dailyActivity(db: DbOrTx, serviceId: string, since: Date) {
  const day = (col: unknown) => sql<string>`to_char(date_trunc('day', ${col} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const [logins, tokens] = await Promise.all([
    db
      .select({ day: day(providerTokenRequests.completedAt), n: count() })
      .from(providerTokenRequests)
      .where(and(eq(providerTokenRequests.serviceId, serviceId), eq(providerTokenRequests.status, "completed"), gte(providerTokenRequests.completedAt, since)))
      .groupBy(sql`1`),
    db
      .select({ day: day(orgAuditEvents.createdAt), n: count() })
      .from(orgAuditEvents)
      .where(and(eq(orgAuditEvents.serviceId, serviceId), eq(orgAuditEvents.action, "provider_token.issued"), gte(orgAuditEvents.createdAt, since)))
      .groupBy(sql`1`),
  ]);
  return { logins, tokens };
}
