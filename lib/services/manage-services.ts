/**
 * Services of an organization: create (with its default `free` plan and provider
 * configuration, audited `service.created`), update, delete, and per-provider configuration.
 * Callers have already checked the member's role (lib/orgs/org-access.ts).
 */
import type { Db, DbOrTx } from "@/db";
import { deleteService as deleteRow, deleteServiceProvider, findServiceBySlug, insertPlan, insertService, listServiceProviders, updateService as updateRow, upsertServiceProvider } from "@/db/queries/services";
import type { ServiceProvider, ServiceRow, ServiceType } from "@/db/schema";
import { randomId } from "@/lib/crypto";
import { assertActive, type OrgAccess } from "@/lib/orgs/org-access";
import { OrgError, badRequest, notFound } from "@/lib/orgs/org-error";
import { recordOrgEvent } from "@/lib/orgs/record-org-event";
import { firstIssue, nameSchema, slugSchema } from "@/lib/orgs/validation";
import { validateProviderConfig, validateRedirectUris, type ProviderConfigInput } from "./service-config";

export type CreateServiceInput = {
  slug: string;
  name: string;
  serviceType?: ServiceType;
  redirectUris?: string[];
  providers?: ProviderConfigInput[];
};

/** AuthOS auto-provisions this plan with every service. */
export const DEFAULT_PLAN = { name: "free", priceCents: 0, currency: "usd" } as const;

/** Who acts: a member (dashboard, REST) or the operator (CLI, actorUserId null). */
export type Actor = { orgId: string; userId: string | null };

export async function createService(db: Db, actor: Actor, input: CreateServiceInput): Promise<ServiceRow> {
  const slug = slugSchema.safeParse(input.slug);
  if (!slug.success) throw badRequest(firstIssue(slug.error, "slug"));
  const name = nameSchema.safeParse(input.name);
  if (!name.success) throw badRequest(firstIssue(name.error, "name"));
  const redirectUris = validateRedirectUris(input.redirectUris ?? []);
  const providers = (input.providers ?? []).map(validateProviderConfig);
  return db.transaction(async (tx) => {
    const service = await insertService(tx, { id: randomId("svc"), orgId: actor.orgId, slug: slug.data, name: name.data, serviceType: input.serviceType ?? "web", redirectUris });
    if (!service) throw new OrgError("DUPLICATE_CONSTRAINT", "Service with this slug already exists in this organization");
    await insertPlan(tx, { id: randomId("plan"), serviceId: service.id, ...DEFAULT_PLAN, features: [], isDefault: true });
    for (const p of providers) await upsertServiceProvider(tx, { serviceId: service.id, ...p });
    await recordOrgEvent(tx, { orgId: actor.orgId, serviceId: service.id, actorUserId: actor.userId, action: "service.created", targetType: "service", targetId: service.id, detail: { slug: service.slug, providers: providers.map((p) => p.provider) } });
    return service;
  });
}

/** The org's service by slug; unknown and other orgs' slugs read the same. */
export async function requireService(db: DbOrTx, orgId: string, slug: string): Promise<ServiceRow> {
  const service = await findServiceBySlug(db, orgId, slug);
  if (!service) throw notFound("Service not found");
  return service;
}

export type UpdateServiceInput = { name?: string; serviceType?: ServiceType; redirectUris?: string[]; verifyProviderEmail?: boolean };

export async function updateService(db: Db, access: OrgAccess, service: ServiceRow, input: UpdateServiceInput): Promise<ServiceRow> {
  assertActive(access);
  const patch: UpdateServiceInput = {};
  if (input.name !== undefined) {
    const name = nameSchema.safeParse(input.name);
    if (!name.success) throw badRequest(firstIssue(name.error, "name"));
    patch.name = name.data;
  }
  if (input.serviceType !== undefined) patch.serviceType = input.serviceType;
  if (input.redirectUris !== undefined) patch.redirectUris = validateRedirectUris(input.redirectUris);
  if (input.verifyProviderEmail !== undefined) patch.verifyProviderEmail = input.verifyProviderEmail;
  const updated = await updateRow(db, service.id, patch);
  if (!updated) throw notFound("Service not found");
  await recordOrgEvent(db, { orgId: access.org.id, serviceId: service.id, actorUserId: access.userId, action: "service.updated", targetType: "service", targetId: service.id, detail: { fields: Object.keys(patch) } });
  return updated;
}

/** Deleting a service deletes its keys, plans, links and subscriptions (cascade); the end users stay in the org. */
export async function deleteService(db: Db, access: OrgAccess, service: ServiceRow): Promise<void> {
  assertActive(access);
  await db.transaction(async (tx) => {
    await deleteRow(tx, service.id);
    await recordOrgEvent(tx, { orgId: access.org.id, serviceId: service.id, actorUserId: access.userId, action: "service.deleted", targetType: "service", targetId: service.id, detail: { slug: service.slug } });
  });
}

export async function configureProvider(db: Db, access: OrgAccess, service: ServiceRow, input: ProviderConfigInput): Promise<ServiceProvider> {
  assertActive(access);
  const config = validateProviderConfig(input);
  const saved = await upsertServiceProvider(db, { serviceId: service.id, ...config });
  await recordOrgEvent(db, { orgId: access.org.id, serviceId: service.id, actorUserId: access.userId, action: "service.provider_configured", targetType: "service", targetId: service.id, detail: config });
  return saved;
}

export async function removeProvider(db: Db, access: OrgAccess, service: ServiceRow, provider: string): Promise<void> {
  assertActive(access);
  if (!(await deleteServiceProvider(db, service.id, provider))) throw notFound("Provider is not configured for this service");
  await recordOrgEvent(db, { orgId: access.org.id, serviceId: service.id, actorUserId: access.userId, action: "service.provider_removed", targetType: "service", targetId: service.id, detail: { provider } });
}

export { listServiceProviders };
