/**
 * Organization fixtures over the real test database: an org with an owner, a service (with
 * its default plan) and service keys minted through the real domain functions.
 */
import type { Db } from "@/db";
import { listPlans } from "@/db/queries/services";
import type { Organization, ServiceRow } from "@/db/schema";
import { randomBase62 } from "@/lib/crypto";
import { createOrganization } from "@/lib/orgs/create-organization";
import { createServiceKey } from "@/lib/service-keys/manage-service-keys";
import { servicePermissions } from "@/lib/service-keys/permissions";
import { createService, type CreateServiceInput } from "@/lib/services/manage-services";
import { makeUser } from "./fixtures";

export const ALL_PERMISSIONS = [...servicePermissions];

export function uniqueSlug(tag = "t"): string {
  return `${tag}-${randomBase62(8).toLowerCase()}`;
}

export async function makeOrg(db: Db, ownerId?: string): Promise<{ org: Organization; ownerId: string }> {
  const owner = ownerId ?? (await makeUser(db)).id;
  const org = await createOrganization(db, { ownerUserId: owner, slug: uniqueSlug("org"), name: "Test Org" });
  return { org, ownerId: owner };
}

export async function makeService(db: Db, org: Organization, input: Partial<CreateServiceInput> = {}): Promise<{ service: ServiceRow; freePlanId: string }> {
  const service = await createService(db, { orgId: org.id, userId: null }, { slug: uniqueSlug("svc"), name: "Test Service", ...input });
  const [free] = await listPlans(db, service.id);
  if (!free) throw new Error("fixture: default plan missing");
  return { service, freePlanId: free.id };
}

export async function makeServiceKey(db: Db, org: Organization, service: ServiceRow, permissions: string[] = ALL_PERMISSIONS, expiresInDays?: number) {
  return (await createServiceKey(db, { orgId: org.id, userId: null }, service, { name: "test service key", permissions, expiresInDays })).key;
}

/** An org with one service and an all-permissions key. */
export async function makeServiceSetup(db: Db) {
  const { org, ownerId } = await makeOrg(db);
  const { service, freePlanId } = await makeService(db, org);
  const key = await makeServiceKey(db, org, service);
  return { org, ownerId, service, freePlanId, key };
}

/** A Request to the service API with X-Api-Key. */
export function serviceRequest(path: string, key: string | null, init: { method?: string; body?: unknown; raw?: string } = {}): Request {
  const headers = new Headers({ "content-type": "application/json" });
  if (key !== null) headers.set("x-api-key", key);
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  return new Request(`http://localhost:3000${path}`, { method: init.method ?? "GET", headers, body });
}
