/**
 * get_credential: the MCP twin of POST /tokens/fetch, and the only MCP tool that returns a
 * secret. It is registered only for keys whose owner turned on "may reveal credentials to MCP
 * clients" (so without the opt-in it is absent from tools/list and a call is an unknown tool):
 * whatever a tool returns lands in model context and client transcripts. Telegram MTProto
 * sessions (with the instance's api_hash) are never revealed here; refresh tokens and client
 * secrets are never part of fetchToken's answer at all.
 */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { requireProvider } from "@/lib/connect/require-provider";
import { fetchToken } from "@/lib/tokens/fetch-token";
import { mcpDetail, runTool, type McpCallContext } from "../mcp-context";
import { okResult } from "../tool-result";
import { accountInput, providerInput, scopesInput } from "../tool-inputs";

export function registerCredentialTool(server: McpServer, ctx: McpCallContext): void {
  server.registerTool(
    "get_credential",
    {
      title: "Get a credential",
      description:
        "A fresh access token (OAuth, refreshed when near expiry) or API key for one connected provider, to send in your own call to that provider's API. Long-lived API keys are returned too. Use it only in the provider call and do not repeat it. Prefer call_provider_api when you do not need the raw credential.",
      inputSchema: z.object({ provider: providerInput, account: accountInput.optional(), scopes: scopesInput.optional().describe("Scopes the call needs; a grant lacking one answers INSUFFICIENT_SCOPE") }),
      // Not read-only, so clients ask their human first; it may refresh at the provider.
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    ({ provider, account, scopes }) =>
      runTool(ctx, "get_credential", provider, async () => {
        if (requireProvider(provider).authType === "mtproto") {
          throw new ApiError("INVALID_REQUEST", "Telegram sessions are not revealed over MCP. Use POST /tokens/fetch with your Akhrot key from a shell.", { provider });
        }
        const answer = await fetchToken(ctx.db, ctx.key, { provider, account, scopes }, mcpDetail(ctx));
        // The text repeats the JSON: clients that ignore structuredContent hand only the text to the model.
        return okResult(answer, `${JSON.stringify(answer)}\nUse accessToken only in your call to ${answer.provider}; do not repeat it.`);
      }),
  );
}
