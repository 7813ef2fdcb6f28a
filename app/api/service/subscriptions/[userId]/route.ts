import { json } from "@/lib/api/respond";
import { deleteServiceSubscription, getServiceSubscription, updateServiceSubscription } from "@/lib/subscriptions/service-subscriptions";
import { updateSubscriptionBody } from "@/lib/service-api/contract";
import { readServiceJson } from "@/lib/service-api/parse-input";
import { toSubscription } from "@/lib/service-api/serialize";
import { methodNotAllowed, noContent, serviceRoute } from "@/lib/service-api/service-route";

type P = { userId: string };

// GET /api/service/subscriptions/:user_id – the user's subscription to this service.
export const GET = serviceRoute<P>("read:subscriptions", async ({ db, scope, params }) => json(toSubscription(await getServiceSubscription(db, scope, params.userId))));

// PATCH /api/service/subscriptions/:user_id – status and/or current_period_end.
export const PATCH = serviceRoute<P>("write:subscriptions", async ({ req, db, scope, params }) => {
  const body = await readServiceJson(req, updateSubscriptionBody);
  return json(toSubscription(await updateServiceSubscription(db, scope, params.userId, { status: body.status, currentPeriodEnd: body.current_period_end })));
});

// DELETE /api/service/subscriptions/:user_id – 204.
export const DELETE = serviceRoute<P>("delete:subscriptions", async ({ db, scope, params }) => {
  await deleteServiceSubscription(db, scope, params.userId);
  return noContent();
});

const other = methodNotAllowed(["GET", "PATCH", "DELETE"]);
export { other as POST, other as PUT };
