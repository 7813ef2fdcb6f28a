import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { batchIndex, batchKeys, createBatchLookup } from "@/db/batch-lookup";
import { organizations, serviceApiKeys, services, type ServiceApiKey } from "@/db/schema";

export async function insertServiceApiKey(db: DbOrTx, row: typeof serviceApiKeys.$inferInsert): Promise<ServiceApiKey> {
  const [created] = await db.insert(serviceApiKeys).values(row).returning();
  if (!created) throw new Error("insert into service_api_keys returned no row");
  return created;
}

/** Service key rows with their service and org status, for many digests in one statement (db/batch-lookup.ts). */
const byHash = createBatchLookup(
  (db) =>
    db
      .select({ i: batchIndex(), key: serviceApiKeys, service: services, orgStatus: organizations.status })
      .from(batchKeys("h text"))
      .innerJoin(serviceApiKeys, eq(serviceApiKeys.keyHash, sql`q.h`))
      .innerJoin(services, eq(services.id, serviceApiKeys.serviceId))
      .innerJoin(organizations, eq(organizations.id, services.orgId))
      .prepare("akhrot_service_api_keys_by_hash"),
  (h: string) => ({ h }),
);
export type FoundServiceKey = { key: ServiceApiKey; service: typeof services.$inferSelect; orgStatus: string };

/** The key, its service and its org's status, by digest; shared with the other lookups of its turn. */
export async function findServiceApiKeyByHash(db: Db, keyHash: string): Promise<FoundServiceKey | undefined> {
  return (await byHash(db, keyHash))[0];
}

/** Keys with their service and org status by id (the service key cache's background re-check; it sends at most 1,000 ids). */
export function findServiceApiKeysByIds(db: Db, ids: string[]): Promise<FoundServiceKey[]> {
  return db
    .select({ key: serviceApiKeys, service: services, orgStatus: organizations.status })
    .from(serviceApiKeys)
    .innerJoin(services, eq(services.id, serviceApiKeys.serviceId))
    .innerJoin(organizations, eq(organizations.id, services.orgId))
    .where(inArray(serviceApiKeys.id, ids));
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

/** Several keys' last use in one statement (the service-key cache's background re-check). */
export async function stampServiceApiKeysUsed(db: DbOrTx, stamps: { id: string; at: Date }[]): Promise<void> {
  if (!stamps.length) return;
  await db.execute(sql`
    update ${serviceApiKeys} set last_used_at = v.at
    from jsonb_to_recordset(${JSON.stringify(stamps)}::jsonb) as v(id text, at timestamptz)
    where ${serviceApiKeys.id} = v.id and (${serviceApiKeys.lastUsedAt} is null or ${serviceApiKeys.lastUsedAt} < v.at)`);
}
