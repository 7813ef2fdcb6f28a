/**
 * connect_provider and get_connect_status: the MCP twins of POST /oauth/sessions and
 * GET /oauth/sessions/{id}. The link is for the human (who signs in to Akhrot as the key's
 * owner to use it); the agent never opens it. The status tool may wait a bounded time for the
 * human so an agent does not spin on it; the session is looked up as this key's user's own, so
 * another user's id reads exactly like an unknown one.
 */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { createConnectSession } from "@/lib/connect/create-connect-session";
import { getOwnSession, sessionView, type SessionView } from "@/lib/connect/session-status";
import { runTool, type McpCallContext } from "../mcp-context";
import { okResult } from "../tool-result";
import { providerInput, scopesInput } from "../tool-inputs";

/** Longest a get_connect_status call waits: well inside common client request timeouts and Vercel's function limit. */
export const MAX_WAIT_SECONDS = 25;
const POLL_MS = 1_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}

function statusText(v: SessionView): string {
  switch (v.status) {
    case "pending":
      return `The ${v.provider} connect link is still waiting for your human (it expires at ${v.expiresAt}). Call get_connect_status again.`;
    case "completed":
      return `${v.provider} is connected (connection ${v.connectionId ?? "?"}). Call get_provider_docs {"provider":"${v.provider}"} to use it.`;
    case "expired":
      return `The ${v.provider} connect link expired. Call connect_provider {"provider":"${v.provider}"} for a new one.`;
    default:
      return `The ${v.provider} connection failed${v.error ? ` (${v.error})` : ""}. Call connect_provider {"provider":"${v.provider}"} to try again.`;
  }
}

export function registerConnectTools(server: McpServer, ctx: McpCallContext): void {
  server.registerTool(
    "connect_provider",
    {
      title: "Connect a provider",
      description:
        "Create a 10-minute, single-use link for your human to connect a provider (or grant more scopes). Show the link to the human; do not open it yourself: they must sign in to Akhrot as this key's owner to use it. Then call get_connect_status.",
      inputSchema: z.object({ provider: providerInput, scopes: scopesInput.optional() }),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    ({ provider, scopes }) =>
      runTool(ctx, "connect_provider", provider, async () => {
        const created = await createConnectSession(ctx.db, { userId: ctx.key.userId, key: ctx.key }, { provider, scopes }, ctx.baseUrl);
        const text = [
          `Show this link to your human: ${created.url}`,
          `They open it in their browser and sign in to Akhrot as the owner of this key; do not open it yourself. It expires at ${created.expiresAt}.`,
          `Then call get_connect_status {"sessionId":"${created.sessionId}","waitSeconds":20}.`,
        ].join("\n");
        return okResult(created, text);
      }),
  );

  server.registerTool(
    "get_connect_status",
    {
      title: "Connect status",
      description: `Whether the human finished a connect link: pending, completed, expired or failed. waitSeconds (at most ${MAX_WAIT_SECONDS}) waits for the human to finish before answering.`,
      inputSchema: z.object({
        sessionId: z.string().regex(/^cs_[0-9A-Za-z_-]{8,64}$/, "a session id from connect_provider (cs_…)"),
        waitSeconds: z.number().int().min(0).max(MAX_WAIT_SECONDS).optional().describe(`Seconds to wait while the session is pending (0–${MAX_WAIT_SECONDS})`),
      }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ sessionId, waitSeconds }, extra) =>
      runTool(ctx, "get_connect_status", undefined, async () => {
        const deadline = Date.now() + (waitSeconds ?? 0) * 1000;
        let view = sessionView(await getOwnSession(ctx.db, ctx.key, sessionId));
        while (view.status === "pending" && Date.now() + POLL_MS <= deadline && !extra.mcpReq.signal.aborted) {
          await sleep(POLL_MS, extra.mcpReq.signal);
          view = sessionView(await getOwnSession(ctx.db, ctx.key, sessionId));
        }
        return okResult(view, statusText(view));
      }),
  );
}
