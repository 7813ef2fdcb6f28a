import { instrumented } from "@/lib/api/instrumented";
import { serveProtectedResourceMetadata } from "@/lib/mcp-oauth/serve";

export const dynamic = "force-dynamic";

// GET /.well-known/oauth-protected-resource/mcp – RFC 9728 metadata of /mcp, path-aware (RFC 9728 §3.1), the URL the 401 names.
export const GET = instrumented(async (req: Request) => serveProtectedResourceMetadata(req));
