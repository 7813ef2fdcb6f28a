import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organizations, serviceApiKeys, services, type ServiceApiKey } from "@/db/schema";

export async function insertServiceApiKey(db: DbOrTx, row: typeof serviceApiKeys.$inferInsert): Promise<ServiceApiKey> {
  const [created] = await db.insert(serviceApiKeys).values(row).returning();
  if (!created) throw new Error("insert into service_api_keys returned no row");
  return created;
}

/** The key with its service and the service's organization, by digest: one indexed round trip. */
export async function findServiceApiKeyByHash(db: DbOrTx, keyHash: string) {
  const [row] = await db
    .select({ key: serviceApiKeys, service: services, orgStatus: organizations.status })
    .from(serviceApiKeys)
    .innerJoin(services, eq(services.id, serviceApiKeys.serviceId))
    .innerJoin(organizations, eq(organizations.id, services.orgId))
    .where(eq(serviceApiKeys.keyHash, keyHash))
    .limit(1);
  return row;
}

export async function listServiceApiKeys(db: DbOrTx, serviceId: string, page: { limit: number; offset: number }) {
  const where = eq(serviceApiKeys.serviceId, serviceId);
  const [rows, [count]] = await Promise.all([
    db.select().from(serviceApiKeys).where(where).orderBy(desc(serviceApiKeys.createdAt), desc(serviceApiKeys.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(serviceApiKeys).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findServiceApiKey(db: DbOrTx, serviceId: string, id: string): Promise<ServiceApiKey | undefined> {
  const [row] = await db.select().from(serviceApiKeys).where(and(eq(serviceApiKeys.serviceId, serviceId), eq(serviceApiKeys.id, id))).limit(1);
  return row;
}

export async function deleteServiceApiKey(db: DbOrTx, serviceId: string, id: string): Promise<ServiceApiKey | undefined> {
  const [row] = await db.delete(serviceApiKeys).where(and(eq(serviceApiKeys.serviceId, serviceId), eq(serviceApiKeys.id, id))).returning();
  return row;
}

export async function stampServiceApiKeyUsed(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(serviceApiKeys).set({ lastUsedAt: at }).where(eq(serviceApiKeys.id, id));
}
