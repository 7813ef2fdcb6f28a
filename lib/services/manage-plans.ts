/** Plans of a service (AuthOS's shape). A plan still used by a subscription cannot be deleted. */
import type { Db } from "@/db";
import { clearDefaultPlan, countPlanSubscriptions, deletePlan as deleteRow, findPlan, insertPlan, updatePlan as updateRow } from "@/db/queries/services";
import type { Plan, ServiceRow } from "@/db/schema";
import { isUniqueViolation } from "@/db/unique-violation";
import { randomId } from "@/lib/crypto";
import { OrgError, badRequest, notFound } from "@/lib/orgs/org-error";
import { recordOrgEvent } from "@/lib/orgs/record-org-event";
import type { Actor } from "./manage-services";

export type PlanInput = {
  name: string;
  description?: string | null;
  priceCents: number;
  currency: string;
  features?: string[];
  stripePriceId?: string | null;
  isDefault?: boolean;
};

function checkFields(input: Partial<PlanInput>): void {
  if (input.name !== undefined && (!input.name.trim() || input.name.trim().length > 100)) throw badRequest("name: must be 1-100 characters");
  if (input.priceCents !== undefined && (!Number.isInteger(input.priceCents) || input.priceCents < 0 || input.priceCents > 2_147_483_647)) throw badRequest("price_cents: must be a non-negative integer");
  if (input.currency !== undefined && !/^[a-z]{3}$/.test(input.currency)) throw badRequest("currency: must be a three-letter ISO 4217 code in lower case, e.g. usd");
}

export async function createPlan(db: Db, actor: Actor, service: ServiceRow, input: PlanInput): Promise<Plan> {
  checkFields(input);
  return db.transaction(async (tx) => {
    if (input.isDefault) await clearDefaultPlan(tx, service.id);
    const plan = await insertPlan(tx, {
      id: randomId("plan"),
      serviceId: service.id,
      name: input.name.trim(),
      description: input.description ?? null,
      priceCents: input.priceCents,
      currency: input.currency,
      features: input.features ?? [],
      stripePriceId: input.stripePriceId ?? null,
      isDefault: input.isDefault ?? false,
    });
    if (!plan) throw new OrgError("DUPLICATE_CONSTRAINT", `A plan named "${input.name.trim()}" already exists for this service`);
    await recordOrgEvent(tx, { orgId: actor.orgId, serviceId: service.id, actorUserId: actor.userId, action: "plan.created", targetType: "plan", targetId: plan.id, detail: { name: plan.name, price_cents: plan.priceCents, currency: plan.currency } });
    return plan;
  });
}

export async function updatePlan(db: Db, actor: Actor, service: ServiceRow, planId: string, input: Partial<PlanInput>): Promise<Plan> {
  checkFields(input);
  return db.transaction(async (tx) => {
    if (!(await findPlan(tx, service.id, planId))) throw notFound("Plan not found");
    if (input.isDefault) await clearDefaultPlan(tx, service.id);
    let plan: Plan | undefined;
    try {
      plan = await updateRow(tx, service.id, planId, { ...input, name: input.name?.trim() });
    } catch (err) {
      if (isUniqueViolation(err)) throw new OrgError("DUPLICATE_CONSTRAINT", `A plan named "${input.name?.trim() ?? ""}" already exists for this service`);
      throw err;
    }
    if (!plan) throw notFound("Plan not found");
    await recordOrgEvent(tx, { orgId: actor.orgId, serviceId: service.id, actorUserId: actor.userId, action: "plan.updated", targetType: "plan", targetId: plan.id, detail: { fields: Object.keys(input) } });
    return plan;
  });
}

export async function deletePlan(db: Db, actor: Actor, service: ServiceRow, planId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await findPlan(tx, service.id, planId);
    if (!plan) throw notFound("Plan not found");
    if ((await countPlanSubscriptions(tx, plan.id)) > 0) throw badRequest("Plan has subscriptions; move or delete them first");
    await deleteRow(tx, service.id, plan.id);
    await recordOrgEvent(tx, { orgId: actor.orgId, serviceId: service.id, actorUserId: actor.userId, action: "plan.deleted", targetType: "plan", targetId: plan.id, detail: { name: plan.name } });
  });
}
