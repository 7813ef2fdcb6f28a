import { instrumented } from "@/lib/api/instrumented";
import { agentUnknownRoute } from "@/lib/api/unknown-route";

export const dynamic = "force-dynamic";

// * /tokens/… – no such agent endpoint: 404 in the agent envelope (NOT_FOUND), not an HTML page.
const handler = instrumented(async (req: Request) => agentUnknownRoute(req));
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
