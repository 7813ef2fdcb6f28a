/**
 * list_connections and get_provider_docs: the MCP twins of GET /ai/context/summary and
 * GET /ai/context/{provider}[/{service}]. Same functions, same documents: the JSON is the
 * `structuredContent`, the markdown is the text.
 */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { contextSummary } from "@/lib/connections/context-summary";
import { providerContext } from "@/lib/connections/provider-context";
import { runTool, type McpCallContext } from "../mcp-context";
import { okResult } from "../tool-result";
import { providerInput } from "../tool-inputs";

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export function registerContextTools(server: McpServer, ctx: McpCallContext): void {
  server.registerTool(
    "list_connections",
    {
      title: "List connections",
      description: "What this Akhrot key can use: connected providers (accounts, services, status), providers that need re-authorization, and providers that can be connected. Call this first.",
      inputSchema: z.object({}),
      annotations: readOnly,
    },
    () =>
      runTool(ctx, "list_connections", undefined, async () => {
        const summary = await contextSummary(ctx.db, ctx.key, ctx.baseUrl);
        return okResult(summary.json, summary.markdown);
      }),
  );

  server.registerTool(
    "get_provider_docs",
    {
      title: "Provider docs",
      description: "How to use one provider through Akhrot: connection status and account, granted scopes, how to send the credential, the API base URL, key endpoints and examples. Pass `service` (e.g. gmail) for one service of the provider.",
      inputSchema: z.object({
        provider: providerInput,
        service: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional().describe("A service code of the provider, e.g. gmail or calendar"),
      }),
      annotations: readOnly,
    },
    ({ provider, service }) =>
      runTool(ctx, "get_provider_docs", provider, async () => {
        const doc = await providerContext(ctx.db, ctx.key, provider, ctx.baseUrl, service);
        return okResult(doc.json, doc.markdown);
      }),
  );
}
