/**
 * call_provider_api (any method; annotated destructive) and read_provider_api (GET only;
 * annotated read-only, so clients that auto-approve read-only tools need not ask for every
 * read). Annotations are per tool, not per call, hence the read-only twin. Both run
 * lib/provider-api/call-provider-api.ts: the credential stays on the server.
 */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { ALLOWED_REQUEST_HEADERS, callProviderApi, MAX_RESPONSE_BYTES, type ProviderCallInput, type ProviderCallResult } from "@/lib/provider-api/call-provider-api";
import { mcpDetail, runTool, type McpCallContext } from "../mcp-context";
import { okResult } from "../tool-result";
import { accountInput, providerInput } from "../tool-inputs";

const path = z.string().min(1).max(2048).describe('Path under the provider\'s API base URL (see get_provider_docs), e.g. "/user", or an https URL on one of the provider\'s API hosts');
const query = z.record(z.string().max(100), z.string().max(2000)).optional().describe("Query parameters");
const headers = z
  .record(z.string().max(100), z.string().max(1000))
  .optional()
  .describe(`Extra request headers; only ${ALLOWED_REQUEST_HEADERS.join(", ")}. Akhrot adds the credential itself.`);

function render(r: ProviderCallResult): string {
  const body = r.body === null ? "(no text body)" : typeof r.body === "string" ? r.body : JSON.stringify(r.body);
  return `HTTP ${r.status} from ${r.provider} (${r.method} ${r.url})${r.truncated ? `; body truncated at ${MAX_RESPONSE_BYTES / 1024} KB of ${r.bytes} bytes` : ""}\n${body}`;
}

function run(ctx: McpCallContext, tool: string, input: ProviderCallInput) {
  return runTool(ctx, tool, input.provider, async (audit) => {
    audit.method = input.method;
    const result = await callProviderApi(ctx.db, ctx.key, input, mcpDetail(ctx));
    audit.host = new URL(result.url).host;
    audit.status = result.status;
    return okResult(result, render(result));
  });
}

export function registerProviderApiTools(server: McpServer, ctx: McpCallContext): void {
  const description = `Akhrot sends the request with the stored credential and returns the provider's status, selected headers and body (at most ${MAX_RESPONSE_BYTES / 1024} KB; 'truncated' says when cut). Only the provider's own API hosts; the credential is never returned.`;
  server.registerTool(
    "call_provider_api",
    {
      title: "Call a provider API",
      description: `Call a connected provider's HTTP API as the user (any method). ${description} Use read_provider_api for plain reads.`,
      inputSchema: z.object({
        provider: providerInput,
        account: accountInput.optional(),
        method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
        path,
        query,
        headers,
        body: z
          .union([z.record(z.string(), z.unknown()), z.array(z.unknown()), z.string()])
          .optional()
          .describe("JSON body (object or array), or a string sent as is"),
      }),
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    (input) => run(ctx, "call_provider_api", input),
  );
  server.registerTool(
    "read_provider_api",
    {
      title: "Read from a provider API",
      description: `GET from a connected provider's HTTP API as the user. ${description}`,
      inputSchema: z.object({ provider: providerInput, account: accountInput.optional(), path, query, headers }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (input) => run(ctx, "read_provider_api", { ...input, method: "GET" }),
  );
}
