import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import {
  endUsers,
  webhookDeliveries,
  webhookEndpoints,
  webhookMessages,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookMessage,
} from "@/db/schema";

/** A person's or an organization's endpoints: every query names its owner, so one never reads another's. */
export type WebhookOwner = { userId: string } | { orgId: string };

const ownedBy = (owner: WebhookOwner) => ("userId" in owner ? eq(webhookEndpoints.userId, owner.userId) : eq(webhookEndpoints.orgId, owner.orgId));

export async function insertWebhookEndpoint(db: DbOrTx, row: typeof webhookEndpoints.$inferInsert): Promise<WebhookEndpoint> {
  const [created] = await db.insert(webhookEndpoints).values(row).returning();
  if (!created) throw new Error("insert into webhook_endpoints returned no row");
  return created;
}

export function listWebhookEndpoints(db: DbOrTx, owner: WebhookOwner): Promise<WebhookEndpoint[]> {
  return db.select().from(webhookEndpoints).where(ownedBy(owner)).orderBy(desc(webhookEndpoints.createdAt));
}

export async function findWebhookEndpoint(db: DbOrTx, owner: WebhookOwner, id: string): Promise<WebhookEndpoint | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), ownedBy(owner))).limit(1);
  return row;
}

export async function updateWebhookEndpoint(db: DbOrTx, owner: WebhookOwner, id: string, set: Partial<typeof webhookEndpoints.$inferInsert>): Promise<WebhookEndpoint | undefined> {
  const [row] = await db.update(webhookEndpoints).set(set).where(and(eq(webhookEndpoints.id, id), ownedBy(owner))).returning();
  return row;
}

export async function deleteWebhookEndpoint(db: DbOrTx, owner: WebhookOwner, id: string): Promise<boolean> {
  const rows = await db.delete(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), ownedBy(owner))).returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** Enabled endpoints of this owner subscribed to `eventType`. */
export function subscribedEndpointIds(db: DbOrTx, owner: WebhookOwner, eventType: string): Promise<{ id: string }[]> {
  return db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(ownedBy(owner), isNull(webhookEndpoints.disabledAt), sql`${eventType} = any(${webhookEndpoints.events})`));
}

/** The message and one pending delivery per endpoint, in the caller's transaction. */
export async function insertWebhookMessage(db: DbOrTx, message: typeof webhookMessages.$inferInsert, endpointIds: string[]): Promise<void> {
  await db.insert(webhookMessages).values(message);
  await db.insert(webhookDeliveries).values(endpointIds.map((endpointId) => ({ messageId: message.id, endpointId })));
}

export async function orgOfEndUser(db: DbOrTx, endUserId: string): Promise<string | undefined> {
  const [row] = await db.select({ orgId: endUsers.orgId }).from(endUsers).where(eq(endUsers.id, endUserId)).limit(1);
  return row?.orgId;
}

export type ClaimedDelivery = { delivery: WebhookDelivery; message: WebhookMessage; endpoint: WebhookEndpoint };

/**
 * Claim up to `limit` due deliveries of enabled endpoints: one UPDATE whose subquery locks the
 * rows it picks with FOR UPDATE SKIP LOCKED, so concurrent claimers split the work instead of
 * waiting or sharing it; the lease (with a random owner) then keeps them ours, without holding
 * a transaction open, while the receivers answer.
 */
export async function claimDueDeliveries(db: DbOrTx, claim: { owner: string; now: Date; leaseUntil: Date; limit: number }): Promise<ClaimedDelivery[]> {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        lte(webhookDeliveries.nextAttemptAt, claim.now),
        or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, claim.now)),
        isNull(webhookEndpoints.disabledAt),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(claim.limit)
    .for("update", { of: webhookDeliveries, skipLocked: true });
  const claimed = await db
    .update(webhookDeliveries)
    .set({ leaseUntil: claim.leaseUntil, leaseOwner: claim.owner })
    .where(inArray(webhookDeliveries.id, due))
    .returning({ id: webhookDeliveries.id });
  if (!claimed.length) return [];
  return db
    .select({ delivery: webhookDeliveries, message: webhookMessages, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(inArray(webhookDeliveries.id, claimed.map((c) => c.id)), eq(webhookDeliveries.leaseOwner, claim.owner)))
    .orderBy(asc(webhookDeliveries.id));
}

/** Record an attempt's outcome and give the lease back; a no-op when the lease passed to someone else. */
export async function finishDeliveryAttempt(db: DbOrTx, id: number, owner: string, set: Partial<typeof webhookDeliveries.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ ...set, attempts: sql`${webhookDeliveries.attempts} + 1`, leaseUntil: null, leaseOwner: null })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.leaseOwner, owner)))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

/** A failed attempt: start the endpoint's failure streak if none is running; returns when it started. */
export async function markEndpointFailing(db: DbOrTx, id: string, now: Date): Promise<Date | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
    .where(eq(webhookEndpoints.id, id))
    .returning({ failingSince: webhookEndpoints.failingSince });
  return row?.failingSince ?? undefined;
}

export async function markEndpointHealthy(db: DbOrTx, id: string): Promise<void> {
  await db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, id));
}

/** Disable an endpoint whose streak began at or before `startedBefore` (conditional: a success since wins). */
export async function disableFailingEndpoint(db: DbOrTx, id: string, startedBefore: Date, reason: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(webhookEndpoints)
    .set({ disabledAt: now, disabledReason: reason })
    .where(and(eq(webhookEndpoints.id, id), isNull(webhookEndpoints.disabledAt), lte(webhookEndpoints.failingSince, startedBefore)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

export type DeliveryLogRow = Pick<WebhookDelivery, "id" | "messageId" | "status" | "attempts" | "lastStatusCode" | "lastError" | "lastAttemptAt" | "nextAttemptAt" | "deliveredAt" | "createdAt"> & {
  eventType: WebhookMessage["eventType"];
};

/** The delivery log of one endpoint (the caller has checked its owner), newest first. */
export function listDeliveries(db: DbOrTx, endpointId: string, limit: number): Promise<DeliveryLogRow[]> {
  return db
    .select({
      id: webhookDeliveries.id,
      messageId: webhookDeliveries.messageId,
      eventType: webhookMessages.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
}
