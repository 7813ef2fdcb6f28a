import { instrumented } from "@/lib/api/instrumented";
import { serveOauth } from "@/lib/mcp-oauth/serve";

export const dynamic = "force-dynamic";

// /oauth2/* – Akhrot's OAuth authorization server for MCP clients (oidc-provider; lib/mcp-oauth).
// The consent page, /oauth2/consent/{uid}, is a page of its own.
const handler = instrumented(async (req: Request) => serveOauth(req));
export { handler as GET, handler as POST, handler as OPTIONS, handler as DELETE };
