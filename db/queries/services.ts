import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { plans, serviceProviders, services, subscriptions, type Plan, type ServiceProvider, type ServiceRow } from "@/db/schema";

export async function insertService(db: DbOrTx, row: typeof services.$inferInsert): Promise<ServiceRow | undefined> {
  const [created] = await db.insert(services).values(row).onConflictDoNothing().returning();
  return created;
}

export async function findServiceBySlug(db: DbOrTx, orgId: string, slug: string): Promise<ServiceRow | undefined> {
  const [row] = await db.select().from(services).where(and(eq(services.orgId, orgId), eq(services.slug, slug))).limit(1);
  return row;
}

export async function findServiceById(db: DbOrTx, id: string): Promise<ServiceRow | undefined> {
  const [row] = await db.select().from(services).where(eq(services.id, id)).limit(1);
  return row;
}

export async function listServices(db: DbOrTx, orgId: string, page: { limit: number; offset: number }) {
  const [rows, [count]] = await Promise.all([
    db.select().from(services).where(eq(services.orgId, orgId)).orderBy(desc(services.createdAt), desc(services.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(services).where(eq(services.orgId, orgId)),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function updateService(db: DbOrTx, id: string, patch: Partial<Pick<ServiceRow, "name" | "serviceType" | "redirectUris" | "verifyProviderEmail">>): Promise<ServiceRow | undefined> {
  if (!Object.keys(patch).length) return findServiceById(db, id);
  const [row] = await db.update(services).set(patch).where(eq(services.id, id)).returning();
  return row;
}

export async function deleteService(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.delete(services).where(eq(services.id, id)).returning({ id: services.id });
  return rows.length > 0;
}

export function listServiceProviders(db: DbOrTx, serviceId: string): Promise<ServiceProvider[]> {
  return db.select().from(serviceProviders).where(eq(serviceProviders.serviceId, serviceId)).orderBy(asc(serviceProviders.provider));
}

export async function upsertServiceProvider(db: DbOrTx, row: { serviceId: string; provider: string; enabled: boolean; scopes: string[] }): Promise<ServiceProvider> {
  const [saved] = await db
    .insert(serviceProviders)
    .values(row)
    .onConflictDoUpdate({ target: [serviceProviders.serviceId, serviceProviders.provider], set: { enabled: row.enabled, scopes: row.scopes, updatedAt: new Date() } })
    .returning();
  if (!saved) throw new Error("upsert into service_providers returned no row");
  return saved;
}

export async function deleteServiceProvider(db: DbOrTx, serviceId: string, provider: string): Promise<boolean> {
  const rows = await db.delete(serviceProviders).where(and(eq(serviceProviders.serviceId, serviceId), eq(serviceProviders.provider, provider))).returning({ p: serviceProviders.provider });
  return rows.length > 0;
}

export async function insertPlan(db: DbOrTx, row: typeof plans.$inferInsert): Promise<Plan | undefined> {
  const [created] = await db.insert(plans).values(row).onConflictDoNothing().returning();
  return created;
}

export function listPlans(db: DbOrTx, serviceId: string): Promise<Plan[]> {
  return db.select().from(plans).where(eq(plans.serviceId, serviceId)).orderBy(asc(plans.createdAt), asc(plans.id));
}

/** A plan of this service only: a foreign plan id reads as unknown. */
export async function findPlan(db: DbOrTx, serviceId: string, planId: string): Promise<Plan | undefined> {
  const [row] = await db.select().from(plans).where(and(eq(plans.serviceId, serviceId), eq(plans.id, planId))).limit(1);
  return row;
}

export async function updatePlan(db: DbOrTx, serviceId: string, planId: string, patch: Partial<typeof plans.$inferInsert>): Promise<Plan | undefined> {
  if (!Object.keys(patch).length) return findPlan(db, serviceId, planId);
  const [row] = await db.update(plans).set(patch).where(and(eq(plans.serviceId, serviceId), eq(plans.id, planId))).returning();
  return row;
}

/** Only one default plan per service: clear the others first (same transaction). */
export async function clearDefaultPlan(db: DbOrTx, serviceId: string): Promise<void> {
  await db.update(plans).set({ isDefault: false }).where(and(eq(plans.serviceId, serviceId), eq(plans.isDefault, true)));
}

export async function countPlanSubscriptions(db: DbOrTx, planId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(subscriptions).where(eq(subscriptions.planId, planId));
  return row?.n ?? 0;
}

export async function deletePlan(db: DbOrTx, serviceId: string, planId: string): Promise<boolean> {
  const rows = await db.delete(plans).where(and(eq(plans.serviceId, serviceId), eq(plans.id, planId))).returning({ id: plans.id });
  return rows.length > 0;
}
