import { instrumented } from "@/lib/api/instrumented";
import { serviceUnknownRoute } from "@/lib/api/unknown-route";

export const dynamic = "force-dynamic";

// * /api/… – no such endpoint: 404 in the service API's envelope ({error, error_code, timestamp}).
// /api/service/* and /api/organizations/* have their own catch-alls, which Next prefers.
const handler = instrumented(async (req: Request) => serviceUnknownRoute(req));
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
