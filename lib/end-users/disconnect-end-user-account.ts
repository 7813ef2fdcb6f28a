import type { Db } from "@/db";
import { deleteEndUserConnection, findServiceGrantedConnection, revokeGrantsOfConnection } from "@/db/queries/provider-tokens";
import type { ServiceRow } from "@/db/schema";
import { revokeAtProvider, type DisconnectResult } from "@/lib/connections/disconnect-connection";
import { assertActive, type OrgAccess } from "@/lib/orgs/org-access";
import { notFound } from "@/lib/orgs/org-error";
import { recordOrgEvent } from "@/lib/orgs/record-org-event";
import { emitConnectionEvent, emitWebhookEvent } from "@/lib/webhooks";

/**
 * An org admin disconnects an end user's provider account from the service page: the provider
 * is asked to revoke it (the same revocation as a personal disconnect), the connection is
 * deleted whatever the provider says, and every service's grant on it is revoked, so the next
 * provider-tokens call answers PROVIDER_LINK_REQUIRED. Only a connection this service holds a
 * grant on is reachable; anything else is the same 404. Audit: `provider_account.unlinked`
 * (AuthOS names the link `provider_account.linked`) and `provider_grant.revoked` per grant; the
 * org's webhooks hear `provider_grant.revoked` per grant and `connection.revoked`.
 */
export async function disconnectEndUserAccount(db: Db, access: OrgAccess, service: ServiceRow, connectionId: string, now = new Date()): Promise<Required<Pick<DisconnectResult, "provider" | "revocation">>> {
  assertActive(access);
  const row = await findServiceGrantedConnection(db, service.id, connectionId);
  if (!row?.endUserId) throw notFound("Connection not found");
  const endUserId = row.endUserId;
  const revocation = await revokeAtProvider(row);
  await db.transaction(async (tx) => {
    const grants = await revokeGrantsOfConnection(tx, row.id, now);
    if (!(await deleteEndUserConnection(tx, row.id, endUserId))) throw notFound("Connection not found");
    const actor = { orgId: access.org.id, actorUserId: access.userId };
    for (const g of grants) {
      await recordOrgEvent(tx, { ...actor, serviceId: g.serviceId, action: "provider_grant.revoked", targetType: "service_grant", targetId: g.id, detail: { user_id: endUserId, provider: g.provider, reason: "account_disconnected" } });
      await emitWebhookEvent(tx, { orgId: access.org.id }, "provider_grant.revoked", { grantId: g.id, serviceId: g.serviceId, endUserId, provider: g.provider, connectionId: row.id });
    }
    await emitConnectionEvent(tx, "connection.revoked", row);
    await recordOrgEvent(tx, { ...actor, serviceId: service.id, action: "provider_account.unlinked", targetType: "connection", targetId: row.id, detail: { user_id: endUserId, provider: row.provider, account: row.accountLabel, revocation } });
  });
  return { provider: row.provider, revocation };
}
