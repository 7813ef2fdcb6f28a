import { instrumented } from "@/lib/api/instrumented";
import { serveAuthorizationServerMetadata } from "@/lib/mcp-oauth/serve";

export const dynamic = "force-dynamic";

// GET /.well-known/oauth-authorization-server – RFC 8414 metadata of the MCP authorization server.
export const GET = instrumented(async (req: Request) => serveAuthorizationServerMetadata(req));
