/**
 * What every MCP tool runs with: the authenticated key (never the raw key), the database, this
 * instance's base URL, and the calling client's name for the activity log. `runTool` is the one
 * place a tool's outcome is audited and its errors become `isError` results.
 */
import type { CallToolResult } from "@modelcontextprotocol/server";
import type { Db } from "@/db";
import { defer } from "@/lib/api/defer";
import { ApiError } from "@/lib/api/errors";
import type { AuthedKey } from "@/lib/api-keys";
import { queueEvent } from "@/lib/audit/queue-event";
import { errorResult } from "./tool-result";

export type McpCallContext = {
  db: Db;
  key: AuthedKey;
  baseUrl: string;
  /** Set for an OAuth client: the name it registered, which the human saw on the consent page. */
  oauthClientName?: string;
  /** The MCP client's name (the OAuth client's, else clientInfo.name, else the User-Agent), length-capped; for audit rows. */
  clientName: () => string;
};

/** Audit detail every MCP-originated row carries, so the activity page can tell MCP from REST. */
export function mcpDetail(ctx: McpCallContext): { channel: "mcp"; client: string } {
  return { channel: "mcp", client: ctx.clientName() };
}

/**
 * Run one tool call: audit it (`mcp.call`, batched after the response) and turn any thrown
 * error into a tool result. `fn` may add non-secret facts (method, host, status) to the row.
 */
export async function runTool(
  ctx: McpCallContext,
  tool: string,
  provider: string | undefined,
  fn: (audit: Record<string, unknown>) => Promise<CallToolResult>,
): Promise<CallToolResult> {
  const facts: Record<string, unknown> = {};
  const record = (outcome: "success" | "failure", extra: Record<string, unknown> = {}) =>
    defer(() =>
      queueEvent(ctx.db, {
        userId: ctx.key.userId,
        apiKeyId: ctx.key.id,
        action: "mcp.call",
        // Only catalog codes reach the provider column; anything else a client typed stays out.
        provider: provider && /^[a-z0-9][a-z0-9-]{0,63}$/.test(provider) ? provider : null,
        outcome,
        detail: { ...facts, ...mcpDetail(ctx), tool, ...extra },
      }),
    );
  try {
    const result = await fn(facts);
    record("success");
    return result;
  } catch (err) {
    record("failure", { error: err instanceof ApiError ? err.code : "INTERNAL_ERROR" });
    return errorResult(err);
  }
}
