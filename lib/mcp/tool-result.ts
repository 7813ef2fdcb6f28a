/**
 * MCP tool results in one shape. Successes carry `structuredContent` plus a text rendering
 * (clients that predate structured output read the text). Business failures are results with
 * `isError: true` — never JSON-RPC or HTTP errors — whose first line starts with the REST error
 * code and names the next tool to call, and whose second item repeats the facts as JSON for
 * programs. No `structuredContent` on errors: it would not match a success schema.
 */
import type { CallToolResult } from "@modelcontextprotocol/server";
import { ApiError } from "@/lib/api/errors";
import { logError } from "@/lib/log";

export function okResult(structured: Record<string, unknown>, text: string): CallToolResult {
  return { content: [{ type: "text", text }], structuredContent: structured };
}

/** The follow-up an agent should take for each error code (DESIGN codes, MCP tool names). */
function nextStep(err: ApiError): string {
  const provider = typeof err.extra.provider === "string" ? err.extra.provider : undefined;
  const connect = (scopes?: unknown) => `Call connect_provider ${JSON.stringify({ provider: provider ?? "<provider>", ...(Array.isArray(scopes) && scopes.length ? { scopes } : {}) })} and show the link to your human.`;
  switch (err.code) {
    case "INTEGRATION_NOT_FOUND":
    case "TOKEN_EXPIRED":
      return connect();
    case "INSUFFICIENT_SCOPE":
      return connect(err.extra.missingScopes);
    case "SESSION_EXPIRED":
      return "The link expired: call connect_provider again for a new one.";
    case "NOT_FOUND":
      return provider ? `Call get_provider_docs {"provider":"${provider}"} to see what exists.` : "Call connect_provider to start a new connect session.";
    case "UNKNOWN_PROVIDER":
    case "FORBIDDEN":
      return "Call list_connections to see the providers this key may use.";
    case "PROVIDER_ERROR":
      return "The provider failed; retry in a moment.";
    case "PROVIDER_NOT_CONFIGURED":
      return "The instance operator must configure this provider; tell your human.";
    case "RATE_LIMITED":
      return "Wait and retry.";
    case "INVALID_REQUEST":
      return "Fix the arguments and call the tool again.";
    default:
      return "Retry in a moment; if it persists, tell the instance operator.";
  }
}

/** Extra envelope fields safe to repeat (never secrets: ApiError.extra is documented as such). */
const FORWARDED = ["provider", "missingScopes", "services", "retryAfter"] as const;

/** Anything thrown by a tool → an `isError` result. Unknown errors become a generic INTERNAL_ERROR (logged by name only). */
export function errorResult(err: unknown): CallToolResult {
  const apiError =
    err instanceof ApiError
      ? err
      : new ApiError("INTERNAL_ERROR", "Something went wrong on the Akhrot server. Retry in a moment; if it persists, tell the instance operator.");
  if (!(err instanceof ApiError)) logError("mcp.tool", err);
  const next = nextStep(apiError);
  const facts: Record<string, unknown> = { code: apiError.code };
  for (const k of FORWARDED) if (apiError.extra[k] !== undefined) facts[k] = apiError.extra[k];
  facts.next = next;
  return {
    isError: true,
    content: [
      { type: "text", text: `${apiError.code}: ${apiError.message}\nNext: ${next}` },
      { type: "text", text: JSON.stringify(facts) },
    ],
  };
}
