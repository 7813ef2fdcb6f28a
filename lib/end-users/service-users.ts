/**
 * A service's end users (AuthOS's model): org-scoped people linked to the services they
 * use, so one person using two of an org's services is one user. Every lookup goes through
 * the link, so an id of another service or org reads exactly like an unknown id.
 */
import type { Db, DbOrTx } from "@/db";
import {
  cancelPendingTokenRequests,
  findEndUserByEmail,
  findLinkedEndUser,
  insertOrFindEndUser,
  linkEndUser,
  listLinkedEndUsers,
  revokeServiceGrants,
  unlinkEndUser,
} from "@/db/queries/end-users";
import { deleteSubscription } from "@/db/queries/subscriptions";
import type { EndUser } from "@/db/schema";
import { randomId } from "@/lib/crypto";
import { badRequest, notFound } from "@/lib/orgs/org-error";
import { recordOrgEvent } from "@/lib/orgs/record-org-event";
import { emitWebhookEvent } from "@/lib/webhooks";

export type ServiceScope = { serviceId: string; orgId: string; keyId?: string | null; actorUserId?: string | null };
export type Page = { limit: number; offset: number };

export const USER_NOT_LINKED = "User not found or has not authenticated with this service";

export async function requireLinkedUser(db: DbOrTx, scope: ServiceScope, endUserId: string): Promise<EndUser> {
  const found = await findLinkedEndUser(db, scope.serviceId, endUserId);
  if (!found) throw notFound(USER_NOT_LINKED);
  return found.user;
}

export async function listServiceUsers(db: Db, scope: ServiceScope, page: Page): Promise<{ users: EndUser[]; total: number }> {
  const { rows, total } = await listLinkedEndUsers(db, scope.serviceId, page);
  return { users: rows.map((r) => r.user), total };
}

/** AuthOS validates only that the address contains "@"; we also bound its length and trim it. */
function normalizeEmail(email: string): string {
  const trimmed = email.trim();
  if (!trimmed.includes("@") || trimmed.length > 254) throw badRequest("Invalid email format");
  return trimmed;
}

/** Link by email: `created` false when the user was already linked to this service (AuthOS answers 200 then, else 201). */
export async function linkServiceUser(db: Db, scope: ServiceScope, email: string): Promise<{ user: EndUser; created: boolean }> {
  const address = normalizeEmail(email);
  return db.transaction(async (tx) => {
    const existing = await findEndUserByEmail(tx, scope.orgId, address);
    const user = existing ?? (await insertOrFindEndUser(tx, { id: randomId("eu"), orgId: scope.orgId, email: address }));
    const created = await linkEndUser(tx, scope.serviceId, user.id);
    if (created) {
      await recordOrgEvent(tx, { orgId: scope.orgId, serviceId: scope.serviceId, serviceKeyId: scope.keyId ?? null, actorUserId: scope.actorUserId ?? null, action: "end_user.linked", targetType: "end_user", targetId: user.id, detail: { new_user: !existing } });
    }
    return { user, created };
  });
}

/**
 * Unlink from this service only: its pending provider-token requests are canceled, its
 * subscription deleted and its provider grants revoked, all in one transaction and audited.
 * The person stays in the org (and in its other services).
 */
export async function unlinkServiceUser(db: Db, scope: ServiceScope, endUserId: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await requireLinkedUser(tx, scope, endUserId);
    const canceled = await cancelPendingTokenRequests(tx, scope.serviceId, endUserId);
    const subscription = await deleteSubscription(tx, scope.serviceId, endUserId);
    const grants = await revokeServiceGrants(tx, scope.serviceId, endUserId, now);
    await unlinkEndUser(tx, scope.serviceId, endUserId);
    const base = { orgId: scope.orgId, serviceId: scope.serviceId, serviceKeyId: scope.keyId ?? null, actorUserId: scope.actorUserId ?? null };
    for (const g of grants) {
      await recordOrgEvent(tx, { ...base, action: "provider_grant.revoked", targetType: "provider_grant", targetId: g.id, detail: { user_id: endUserId, provider: g.provider } });
      await emitWebhookEvent(tx, { orgId: scope.orgId }, "provider_grant.revoked", { grantId: g.id, serviceId: scope.serviceId, endUserId, provider: g.provider, connectionId: g.connectionId });
    }
    await recordOrgEvent(tx, {
      ...base,
      action: "end_user.unlinked",
      targetType: "end_user",
      targetId: endUserId,
      detail: { canceled_requests: canceled, subscription_deleted: Boolean(subscription), grants_revoked: grants.length },
    });
  });
}
