import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { plans, subscriptions, type Subscription } from "@/db/schema";

const withPlan = { sub: subscriptions, planName: plans.name } as const;
export type SubscriptionWithPlan = { sub: Subscription; planName: string };

export async function insertSubscription(db: DbOrTx, row: typeof subscriptions.$inferInsert): Promise<Subscription> {
  const [created] = await db.insert(subscriptions).values(row).returning();
  if (!created) throw new Error("insert into subscriptions returned no row");
  return created;
}

export async function findSubscription(db: DbOrTx, serviceId: string, endUserId: string): Promise<SubscriptionWithPlan | undefined> {
  const [row] = await db
    .select(withPlan)
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(and(eq(subscriptions.serviceId, serviceId), eq(subscriptions.endUserId, endUserId)))
    .limit(1);
  return row;
}

/** Latest period end first (AuthOS's order); `total` respects the status filter. */
export async function listSubscriptions(db: DbOrTx, serviceId: string, opts: { status?: string; limit: number; offset: number }) {
  const where = and(eq(subscriptions.serviceId, serviceId), opts.status !== undefined ? eq(subscriptions.status, opts.status) : undefined);
  const [rows, [count]] = await Promise.all([
    db
      .select(withPlan)
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(where)
      .orderBy(desc(subscriptions.currentPeriodEnd), desc(subscriptions.id))
      .limit(opts.limit)
      .offset(opts.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(subscriptions).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function updateSubscription(db: DbOrTx, serviceId: string, endUserId: string, patch: { status?: string; currentPeriodEnd?: Date }): Promise<boolean> {
  if (!Object.keys(patch).length) return true;
  const rows = await db
    .update(subscriptions)
    .set(patch)
    .where(and(eq(subscriptions.serviceId, serviceId), eq(subscriptions.endUserId, endUserId)))
    .returning({ id: subscriptions.id });
  return rows.length > 0;
}

export async function deleteSubscription(db: DbOrTx, serviceId: string, endUserId: string): Promise<Subscription | undefined> {
  const [row] = await db.delete(subscriptions).where(and(eq(subscriptions.serviceId, serviceId), eq(subscriptions.endUserId, endUserId))).returning();
  return row;
}
