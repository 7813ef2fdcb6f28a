/**
 * Every agent call that was refused or failed becomes an Activity row for the key's owner,
 * with the code, HTTP status and the message the agent got, so the dashboard never shows
 * only the successes. Written like token-fetch rows: after the response, in batches
 * (lib/audit/queue-event.ts), so /tokens/fetch stays fast.
 *
 * Not stored: refusals with no known owner (missing, malformed or unknown keys; those belong
 * to nobody's Activity). A revoked or expired key's refusal goes to its owner. Refusals a
 * caller can repeat without limit (429, 401 for a revoked key) are kept to one row per key and
 * code per THROTTLE_MS, so a client in a retry loop cannot turn the audit table into a
 * write amplifier.
 */
import { getDb } from "@/db";
import { defer } from "@/lib/api/defer";
import { ApiError } from "@/lib/api/errors";
import { ownerOf, type ErrorOwner } from "@/lib/api/error-owner";
import { isProviderCode } from "@/lib/providers";
import { queueEvent } from "./queue-event";

export const THROTTLE_MS = 10_000;
const UNBOUNDED = new Set(["RATE_LIMITED", "UNAUTHORIZED"]);
const lastRow = new Map<string, number>();

/** The route as a template (session ids in paths are secrets; provider codes go in their own column). */
export function agentCall(method: string, pathname: string): { action: string; call: string } {
  if (pathname === "/tokens/fetch") return { action: "token.fetch", call: "POST /tokens/fetch" };
  if (pathname === "/oauth/sessions") return { action: "session.create", call: "POST /oauth/sessions" };
  if (pathname.startsWith("/oauth/sessions/")) return { action: "session.status", call: "GET /oauth/sessions/{sessionId}" };
  if (pathname === "/ai/context/summary") return { action: "context.read", call: "GET /ai/context/summary" };
  if (pathname.startsWith("/ai/context/")) {
    const depth = pathname.split("/").filter(Boolean).length;
    return { action: "context.read", call: depth > 3 ? "GET /ai/context/{provider}/{service}" : "GET /ai/context/{provider}" };
  }
  return { action: "agent.call", call: `${method} (other)` };
}

function throttled(owner: ErrorOwner, code: string, now: number): boolean {
  if (!UNBOUNDED.has(code)) return false;
  const id = `${owner.apiKeyId}:${code}`;
  const last = lastRow.get(id);
  if (last !== undefined && now - last < THROTTLE_MS) return true;
  if (lastRow.size >= 10_000) lastRow.clear();
  lastRow.set(id, now);
  return false;
}

/** Queue the Activity row for a refused or failed agent call (no-op when nobody owns it). */
export function recordAgentFailure(method: string, pathname: string, err: unknown, known?: ErrorOwner): void {
  const owner = known ?? ownerOf(err);
  if (owner === undefined) return;
  const apiError = err instanceof ApiError ? err : undefined;
  const code = apiError?.code ?? "INTERNAL_ERROR";
  if (throttled(owner, code, Date.now())) return;
  const { action, call } = agentCall(method, pathname);
  const provider = apiError?.extra.provider;
  const detail = {
    error: code,
    status: apiError?.status ?? 500,
    // The agent's own message, minus nothing: ApiError messages never carry secrets (DESIGN.md).
    message: apiError?.message.slice(0, 300) ?? "Something went wrong on the Akhrot server.",
    call,
  };
  defer(async () =>
    queueEvent(await getDb(), {
      userId: owner.userId,
      apiKeyId: owner.apiKeyId,
      action,
      provider: typeof provider === "string" && isProviderCode(provider) ? provider : null,
      outcome: "failure",
      detail,
    }),
  );
}

/** Tests: forget the per-key throttle. */
export function resetFailureThrottle(): void {
  lastRow.clear();
}
