import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { endUsers, providerTokenRequests, serviceEndUsers, serviceGrants, type EndUser } from "@/db/schema";

export async function findEndUserByEmail(db: DbOrTx, orgId: string, email: string): Promise<EndUser | undefined> {
  const [row] = await db.select().from(endUsers).where(and(eq(endUsers.orgId, orgId), eq(sql`lower(${endUsers.email})`, email.toLowerCase()))).limit(1);
  return row;
}

/** Insert, or the existing row of the same org and email (a concurrent create wins, nobody fails). */
export async function insertOrFindEndUser(db: DbOrTx, row: { id: string; orgId: string; email: string }): Promise<EndUser> {
  const [created] = await db.insert(endUsers).values(row).onConflictDoNothing().returning();
  if (created) return created;
  const existing = await findEndUserByEmail(db, row.orgId, row.email);
  if (!existing) throw new Error("end user vanished between insert and select");
  return existing;
}

/** True when a new link was made, false when it already existed. */
export async function linkEndUser(db: DbOrTx, serviceId: string, endUserId: string): Promise<boolean> {
  const rows = await db.insert(serviceEndUsers).values({ serviceId, endUserId }).onConflictDoNothing().returning({ id: serviceEndUsers.endUserId });
  return rows.length > 0;
}

/** The end user when linked to this service (and so of its org); undefined for unknown and foreign ids alike. */
export async function findLinkedEndUser(db: DbOrTx, serviceId: string, endUserId: string) {
  const [row] = await db
    .select({ user: endUsers, linkedAt: serviceEndUsers.createdAt })
    .from(serviceEndUsers)
    .innerJoin(endUsers, eq(endUsers.id, serviceEndUsers.endUserId))
    .where(and(eq(serviceEndUsers.serviceId, serviceId), eq(serviceEndUsers.endUserId, endUserId)))
    .limit(1);
  return row;
}

/** Most recently linked first (AuthOS orders by the identity's creation). */
export async function listLinkedEndUsers(db: DbOrTx, serviceId: string, page: { limit: number; offset: number }) {
  const where = eq(serviceEndUsers.serviceId, serviceId);
  const [rows, [count]] = await Promise.all([
    db
      .select({ user: endUsers, linkedAt: serviceEndUsers.createdAt })
      .from(serviceEndUsers)
      .innerJoin(endUsers, eq(endUsers.id, serviceEndUsers.endUserId))
      .where(where)
      .orderBy(desc(serviceEndUsers.createdAt), desc(endUsers.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(serviceEndUsers).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function unlinkEndUser(db: DbOrTx, serviceId: string, endUserId: string): Promise<boolean> {
  const rows = await db.delete(serviceEndUsers).where(and(eq(serviceEndUsers.serviceId, serviceId), eq(serviceEndUsers.endUserId, endUserId))).returning({ id: serviceEndUsers.endUserId });
  return rows.length > 0;
}

export async function cancelPendingTokenRequests(db: DbOrTx, serviceId: string, endUserId: string): Promise<number> {
  const rows = await db
    .update(providerTokenRequests)
    .set({ status: "canceled" })
    .where(and(eq(providerTokenRequests.serviceId, serviceId), eq(providerTokenRequests.endUserId, endUserId), eq(providerTokenRequests.status, "pending")))
    .returning({ id: providerTokenRequests.id });
  return rows.length;
}

export async function revokeServiceGrants(db: DbOrTx, serviceId: string, endUserId: string, now: Date) {
  return db
    .update(serviceGrants)
    .set({ status: "revoked", revokedAt: now })
    .where(and(eq(serviceGrants.serviceId, serviceId), eq(serviceGrants.endUserId, endUserId), eq(serviceGrants.status, "active")))
    .returning({ id: serviceGrants.id, provider: serviceGrants.provider, connectionId: serviceGrants.connectionId });
}

export function listActiveGrantsForUser(db: DbOrTx, serviceId: string, endUserId: string) {
  return db
    .select({ id: serviceGrants.id, connectionId: serviceGrants.connectionId, provider: serviceGrants.provider, scopes: serviceGrants.scopes, grantedAt: serviceGrants.grantedAt, lastUsedAt: serviceGrants.lastUsedAt })
    .from(serviceGrants)
    .where(and(eq(serviceGrants.serviceId, serviceId), eq(serviceGrants.endUserId, endUserId), eq(serviceGrants.status, "active")));
}
