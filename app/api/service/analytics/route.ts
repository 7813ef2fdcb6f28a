import { json } from "@/lib/api/respond";
import { serviceAnalytics } from "@/lib/analytics/service-analytics";
import { toAnalytics } from "@/lib/service-api/serialize";
import { methodNotAllowed, serviceRoute } from "@/lib/service-api/service-route";

// GET /api/service/analytics – AuthOS's five counts plus tokens issued and connections by provider.
export const GET = serviceRoute("read:analytics", async ({ db, scope }) => json(toAnalytics(await serviceAnalytics(db, scope.serviceId))));

const other = methodNotAllowed(["GET"]);
export { other as POST, other as PUT, other as PATCH, other as DELETE };
