import { instrumented } from "@/lib/api/instrumented";
import { serveProtectedResourceMetadata } from "@/lib/mcp-oauth/serve";

export const dynamic = "force-dynamic";

// GET /.well-known/oauth-protected-resource – RFC 9728 metadata of /mcp, at the root (clients that skip the path-aware URL).
export const GET = instrumented(async (req: Request) => serveProtectedResourceMetadata(req));
