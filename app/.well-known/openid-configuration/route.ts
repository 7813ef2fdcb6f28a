import { instrumented } from "@/lib/api/instrumented";
import { serveAuthorizationServerMetadata } from "@/lib/mcp-oauth/serve";

export const dynamic = "force-dynamic";

// GET /.well-known/openid-configuration – the same document, for clients that try OIDC discovery first (MCP 2025-11-25) of the MCP authorization server.
export const GET = instrumented(async (req: Request) => serveAuthorizationServerMetadata(req));
