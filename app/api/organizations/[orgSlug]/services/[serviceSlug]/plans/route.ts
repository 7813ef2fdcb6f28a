import { json } from "@/lib/api/respond";
import { listPlans } from "@/db/queries/services";
import { createPlanBody } from "@/lib/service-api/contract";
import { orgRoute } from "@/lib/service-api/org-route";
import { readServiceJson } from "@/lib/service-api/parse-input";
import { toPlan } from "@/lib/service-api/serialize";
import { createPlan } from "@/lib/services/manage-plans";
import { orgServiceAccess } from "@/lib/services/org-service-access";
import { methodNotAllowed } from "@/lib/service-api/service-route";

type P = { orgSlug: string; serviceSlug: string };

// GET …/services/:service_slug/plans – any member.
export const GET = orgRoute<P>(async ({ db, params, userId }) => {
  const { service } = await orgServiceAccess(db, params.orgSlug, params.serviceSlug, userId);
  const plans = await listPlans(db, service.id);
  return json({ plans: plans.map(toPlan), total: plans.length });
});

// POST …/plans – admins and owners; 201.
export const POST = orgRoute<P>(async ({ req, db, params, userId }) => {
  const { access, service } = await orgServiceAccess(db, params.orgSlug, params.serviceSlug, userId, "manage plans for this service");
  const b = await readServiceJson(req, createPlanBody);
  const plan = await createPlan(db, { orgId: access.org.id, userId }, service, { name: b.name, description: b.description, priceCents: b.price_cents, currency: b.currency, features: b.features, stripePriceId: b.stripe_price_id, isDefault: b.is_default });
  return json(toPlan(plan), { status: 201 });
});

const other = methodNotAllowed(["GET", "POST"]);
export { other as PUT, other as PATCH, other as DELETE };
