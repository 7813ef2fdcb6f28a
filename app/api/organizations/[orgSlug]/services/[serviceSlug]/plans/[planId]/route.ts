import { json } from "@/lib/api/respond";
import { updatePlanBody } from "@/lib/service-api/contract";
import { orgRoute } from "@/lib/service-api/org-route";
import { readServiceJson } from "@/lib/service-api/parse-input";
import { toPlan } from "@/lib/service-api/serialize";
import { methodNotAllowed, noContent } from "@/lib/service-api/service-route";
import { deletePlan, updatePlan } from "@/lib/services/manage-plans";
import { orgServiceAccess } from "@/lib/services/org-service-access";

type P = { orgSlug: string; serviceSlug: string; planId: string };

// PATCH …/plans/:plan_id – admins and owners.
export const PATCH = orgRoute<P>(async ({ req, db, params, userId }) => {
  const { access, service } = await orgServiceAccess(db, params.orgSlug, params.serviceSlug, userId, "manage plans for this service");
  const b = await readServiceJson(req, updatePlanBody);
  const plan = await updatePlan(db, { orgId: access.org.id, userId }, service, params.planId, {
    ...(b.name !== undefined && { name: b.name }),
    ...(b.description !== undefined && { description: b.description }),
    ...(b.price_cents !== undefined && { priceCents: b.price_cents }),
    ...(b.currency !== undefined && { currency: b.currency }),
    ...(b.features !== undefined && { features: b.features }),
    ...(b.stripe_price_id !== undefined && { stripePriceId: b.stripe_price_id }),
    ...(b.is_default !== undefined && { isDefault: b.is_default }),
  });
  return json(toPlan(plan));
});

// DELETE …/plans/:plan_id – 204; refused while subscriptions use it.
export const DELETE = orgRoute<P>(async ({ db, params, userId }) => {
  const { access, service } = await orgServiceAccess(db, params.orgSlug, params.serviceSlug, userId, "manage plans for this service");
  await deletePlan(db, { orgId: access.org.id, userId }, service, params.planId);
  return noContent();
});

const other = methodNotAllowed(["PATCH", "DELETE"]);
export { other as GET, other as POST, other as PUT };
