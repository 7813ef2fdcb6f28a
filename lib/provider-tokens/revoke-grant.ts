import type { Db } from "@/db";
import { revokeGrantById } from "@/db/queries/provider-tokens";
import type { ServiceRow } from "@/db/schema";
import { assertActive, type OrgAccess } from "@/lib/orgs/org-access";
import { notFound } from "@/lib/orgs/org-error";
import { recordOrgEvent } from "@/lib/orgs/record-org-event";
import { emitWebhookEvent } from "@/lib/webhooks";

/**
 * An org admin withdraws a service's grant on an end user's connection: the next
 * provider-tokens call for it answers PROVIDER_GRANT_REQUIRED. The connection itself stays
 * (other services' grants may use it). Audit: AuthOS's `provider_grant.revoked`.
 */
export async function revokeGrant(db: Db, access: OrgAccess, service: ServiceRow, grantId: string, now = new Date()): Promise<void> {
  assertActive(access);
  await db.transaction(async (tx) => {
    const grant = await revokeGrantById(tx, service.id, grantId, now);
    if (!grant) throw notFound("Grant not found");
    await recordOrgEvent(tx, { orgId: access.org.id, serviceId: service.id, actorUserId: access.userId, action: "provider_grant.revoked", targetType: "service_grant", targetId: grant.id, detail: { user_id: grant.endUserId, provider: grant.provider } });
    await emitWebhookEvent(tx, { orgId: access.org.id }, "provider_grant.revoked", { grantId: grant.id, serviceId: service.id, endUserId: grant.endUserId, provider: grant.provider, connectionId: grant.connectionId });
  });
}
