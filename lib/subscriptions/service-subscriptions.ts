/**
 * Subscriptions: at most one per end user and service. A second create is
 * DUPLICATE_CONSTRAINT (409), where AuthOS lets the unique index surface as a 500.
 */
import type { Db } from "@/db";
import { findPlan } from "@/db/queries/services";
import { deleteSubscription, findSubscription, insertSubscription, listSubscriptions, updateSubscription, type SubscriptionWithPlan } from "@/db/queries/subscriptions";
import { isUniqueViolation } from "@/db/unique-violation";
import { randomId } from "@/lib/crypto";
import { OrgError, badRequest, notFound } from "@/lib/orgs/org-error";
import { recordOrgEvent } from "@/lib/orgs/record-org-event";
import { requireLinkedUser, type Page, type ServiceScope } from "@/lib/end-users/service-users";

export type { SubscriptionWithPlan };

const DEFAULT_PERIOD_MS = 30 * 86_400_000;

/** RFC 3339 with an explicit offset (AuthOS parses with parse_from_rfc3339). */
export function parsePeriodEnd(value: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(value);
  if (!ok || Number.isNaN(date.getTime())) throw badRequest(`Invalid current_period_end: "${value}" is not an RFC 3339 date-time (e.g. 2026-01-31T00:00:00Z)`);
  return date;
}

function checkStatus(status: string): string {
  if (!status.trim() || status.length > 50) throw badRequest("status: must be 1-50 characters");
  return status;
}

export function listServiceSubscriptions(db: Db, scope: ServiceScope, opts: Page & { status?: string }) {
  return listSubscriptions(db, scope.serviceId, opts);
}

export async function getServiceSubscription(db: Db, scope: ServiceScope, endUserId: string): Promise<SubscriptionWithPlan> {
  const found = await findSubscription(db, scope.serviceId, endUserId);
  if (!found) throw notFound("Subscription not found for this user");
  return found;
}

export type CreateSubscriptionInput = { userId: string; planId: string; status?: string; currentPeriodEnd?: string };

export async function createServiceSubscription(db: Db, scope: ServiceScope, input: CreateSubscriptionInput, now = new Date()): Promise<SubscriptionWithPlan> {
  // AuthOS's order: plan, then user. A plan of another service reads as unknown (AuthOS: 403).
  const plan = await findPlan(db, scope.serviceId, input.planId);
  if (!plan) throw notFound("Plan not found");
  await requireLinkedUser(db, scope, input.userId);
  const status = checkStatus(input.status ?? "active");
  const periodEnd = input.currentPeriodEnd !== undefined ? parsePeriodEnd(input.currentPeriodEnd) : new Date(now.getTime() + DEFAULT_PERIOD_MS);
  try {
    return await db.transaction(async (tx) => {
      const sub = await insertSubscription(tx, { id: randomId("sub"), endUserId: input.userId, serviceId: scope.serviceId, planId: plan.id, status, currentPeriodEnd: periodEnd });
      await recordOrgEvent(tx, { orgId: scope.orgId, serviceId: scope.serviceId, serviceKeyId: scope.keyId ?? null, actorUserId: scope.actorUserId ?? null, action: "subscription.created", targetType: "subscription", targetId: sub.id, detail: { user_id: input.userId, plan_id: plan.id, status } });
      return { sub, planName: plan.name };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new OrgError("DUPLICATE_CONSTRAINT", "A subscription for this user and service already exists");
    throw err;
  }
}

export async function updateServiceSubscription(db: Db, scope: ServiceScope, endUserId: string, input: { status?: string; currentPeriodEnd?: string }): Promise<SubscriptionWithPlan> {
  await requireLinkedUser(db, scope, endUserId);
  const patch: { status?: string; currentPeriodEnd?: Date } = {};
  if (input.status !== undefined) patch.status = checkStatus(input.status);
  if (input.currentPeriodEnd !== undefined) patch.currentPeriodEnd = parsePeriodEnd(input.currentPeriodEnd);
  if (!(await updateSubscription(db, scope.serviceId, endUserId, patch))) throw notFound("Subscription not found for this user and service");
  const found = await findSubscription(db, scope.serviceId, endUserId);
  if (!found) throw notFound("Subscription not found for this user and service");
  if (Object.keys(patch).length) {
    await recordOrgEvent(db, { orgId: scope.orgId, serviceId: scope.serviceId, serviceKeyId: scope.keyId ?? null, actorUserId: scope.actorUserId ?? null, action: "subscription.updated", targetType: "subscription", targetId: found.sub.id, detail: { user_id: endUserId, fields: Object.keys(patch), status: found.sub.status } });
  }
  return found;
}

export async function deleteServiceSubscription(db: Db, scope: ServiceScope, endUserId: string): Promise<void> {
  await requireLinkedUser(db, scope, endUserId);
  await db.transaction(async (tx) => {
    const sub = await deleteSubscription(tx, scope.serviceId, endUserId);
    if (!sub) throw notFound("Subscription not found for this user and service");
    await recordOrgEvent(tx, { orgId: scope.orgId, serviceId: scope.serviceId, serviceKeyId: scope.keyId ?? null, actorUserId: scope.actorUserId ?? null, action: "subscription.deleted", targetType: "subscription", targetId: sub.id, detail: { user_id: endUserId } });
  });
}
