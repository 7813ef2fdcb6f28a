/**
 * One fresh McpServer per HTTP request, built for the key that authenticated it. Nothing is
 * kept at module scope: a server shared between requests is how one client's data reached
 * another in the SDK's own history (CVE-2026-25536), and for a credential vault that would
 * hand user A's token to user B. The tool list varies by key (get_credential only with the
 * owner's opt-in), which the spec allows ("MAY vary by the authorization presented").
 */
import { McpServer } from "@modelcontextprotocol/server";
import pkg from "@/package.json";
import type { McpCallContext } from "./mcp-context";
import { registerConnectTools } from "./tools/connect-tools";
import { registerContextTools } from "./tools/context-tools";
import { registerCredentialTool } from "./tools/credential-tool";
import { registerProviderApiTools } from "./tools/provider-api-tools";

const INSTRUCTIONS =
  "Akhrot holds your human's OAuth connections and API keys. Call list_connections first. To use a provider, call get_provider_docs, then read_provider_api or call_provider_api. " +
  "If a provider is missing or lacks scopes, call connect_provider, show the link to your human (never open it yourself), then poll get_connect_status.";

/** Printable, length-capped: the name comes from the client and ends up in activity rows. */
function cleanName(name: string | null | undefined): string | undefined {
  const clean = name?.replace(/[^\x20-\x7e]/g, "").trim().slice(0, 80);
  return clean || undefined;
}

export function buildMcpServer(base: Omit<McpCallContext, "clientName">, request: Request | undefined): McpServer {
  const server = new McpServer({ name: "akhrot", version: pkg.version }, { instructions: INSTRUCTIONS });
  // 2025-era calls after the handshake carry no clientInfo (stateless): the User-Agent stands in.
  const clientName = () => cleanName(base.oauthClientName) ?? cleanName(server.server.getClientVersion()?.name) ?? cleanName(request?.headers.get("user-agent")) ?? "unknown";
  const ctx: McpCallContext = { ...base, clientName };
  registerContextTools(server, ctx);
  registerConnectTools(server, ctx);
  registerProviderApiTools(server, ctx);
  if (ctx.key.mcpRevealCredentials) registerCredentialTool(server, ctx);
  return server;
}
