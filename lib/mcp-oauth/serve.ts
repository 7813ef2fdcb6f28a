/**
 * The HTTP face of the MCP authorization server: /oauth2/* goes to oidc-provider through the
 * Node bridge, and the two discovery documents MCP clients read first are answered here.
 */
import { baseUrl } from "@/lib/api/base-url";
import { logError } from "@/lib/log";
import { runNodeHandler } from "./node-bridge";
import { MCP_SCOPE, mcpOauthProvider, mcpResource } from "./provider";

const UNAVAILABLE = { error: "temporarily_unavailable", error_description: "The authorization server is unavailable. Retry in a moment." };

/** Any request under /oauth2/* (the consent page excepted: it is a Next page). */
export async function serveOauth(req: Request, path?: string): Promise<Response> {
  const issuer = baseUrl(req);
  try {
    const provider = await mcpOauthProvider(issuer);
    return await runNodeHandler(provider.callback(), req, issuer, path);
  } catch (err) {
    logError("mcp-oauth", err);
    return Response.json(UNAVAILABLE, { status: 503 });
  }
}

/** RFC 8414 authorization server metadata: oidc-provider's discovery document, served at the OAuth path. */
export function serveAuthorizationServerMetadata(req: Request): Promise<Response> {
  return serveOauth(req, "/.well-known/openid-configuration");
}

/** The absolute URL of /mcp's RFC 9728 metadata (claude.ai ignores a relative one). */
export function protectedResourceMetadataUrl(base: string): string {
  return `${base}/.well-known/oauth-protected-resource/mcp`;
}

/** RFC 9728 protected resource metadata for /mcp (served at the path-aware and the root URL). */
export function serveProtectedResourceMetadata(req: Request): Response {
  const base = baseUrl(req);
  return Response.json(
    {
      resource: mcpResource(base),
      authorization_servers: [base],
      scopes_supported: [MCP_SCOPE],
      bearer_methods_supported: ["header"],
      resource_name: "Akhrot",
      resource_documentation: `${base}/ai/skill`,
    },
    { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } },
  );
}
