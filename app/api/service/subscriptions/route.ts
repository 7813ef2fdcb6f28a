import { json } from "@/lib/api/respond";
import { createServiceSubscription, listServiceSubscriptions } from "@/lib/subscriptions/service-subscriptions";
import { createSubscriptionBody } from "@/lib/service-api/contract";
import { optionalQuery, parsePage, readServiceJson } from "@/lib/service-api/parse-input";
import { toSubscription } from "@/lib/service-api/serialize";
import { methodNotAllowed, serviceRoute } from "@/lib/service-api/service-route";

// GET /api/service/subscriptions – latest period end first; `status` filters (and `total` follows it).
export const GET = serviceRoute("read:subscriptions", async ({ req, db, scope }) => {
  const { rows, total } = await listServiceSubscriptions(db, scope, { ...parsePage(req), status: optionalQuery(req, "status") });
  return json({ subscriptions: rows.map(toSubscription), total });
});

// POST /api/service/subscriptions – 200 (AuthOS's status), 409 DUPLICATE_CONSTRAINT for a second one.
export const POST = serviceRoute("write:subscriptions", async ({ req, db, scope }) => {
  const body = await readServiceJson(req, createSubscriptionBody);
  const created = await createServiceSubscription(db, scope, { userId: body.user_id, planId: body.plan_id, status: body.status, currentPeriodEnd: body.current_period_end });
  return json(toSubscription(created));
});

const other = methodNotAllowed(["GET", "POST"]);
export { other as PUT, other as PATCH, other as DELETE };
