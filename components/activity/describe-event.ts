/**
 * Audit rows in plain words. The action codes are the ones lib/ writes to audit_events;
 * an unknown code is shown as it is rather than hidden.
 */
import type { ActivityDetail, ActivityItem } from "@/lib/trpc/routers/activity";

const LABELS: Record<string, { success: string; failure: string }> = {
  "token.fetch": { success: "Token fetched", failure: "Token fetch failed" },
  "token.refresh": { success: "Token refreshed", failure: "Token refresh failed" },
  "session.create": { success: "Connect link created", failure: "Connect link refused" },
  "session.status": { success: "Connect link checked", failure: "Connect link check refused" },
  "context.read": { success: "Context read", failure: "Context read refused" },
  "agent.call": { success: "Agent call", failure: "Agent call refused" },
  "connection.create": { success: "Connected", failure: "Connection failed" },
  "connection.replace": { success: "Key replaced", failure: "Key replacement failed" },
  "connection.delete": { success: "Disconnected", failure: "Disconnect failed" },
  "key.create": { success: "Key created", failure: "Key creation failed" },
  "key.revoke": { success: "Key revoked", failure: "Key revocation failed" },
  "key.mcp_reveal": { success: "MCP credential access changed", failure: "MCP credential access change failed" },
  "mcp.call": { success: "MCP tool call", failure: "MCP tool call failed" },
  "organization.delete": { success: "Organization deleted", failure: "Organization deletion failed" },
};

export function actionLabel(e: Pick<ActivityItem, "action" | "outcome">): string {
  return LABELS[e.action]?.[e.outcome] ?? e.action;
}

const REVOCATION: Record<string, string> = {
  revoked: "provider revoked access",
  failed: "provider could not revoke",
  unsupported: "provider has no revoke endpoint",
};

function listOf(label: string, items: string[]): string {
  const shown = items.slice(0, 3).join(", ");
  return `${label}: ${shown}${items.length > 3 ? ` +${items.length - 3} more` : ""}`;
}

/** Short non-secret facts about an event, e.g. ["alice@example.com", "error: invalid_grant (HTTP 400)"]. */
export function detailParts(d: ActivityDetail, hasKey: boolean): string[] {
  const parts: string[] = [];
  if (d.account) parts.push(d.account);
  if (d.name && !hasKey) parts.push(`key “${d.name}”`);
  if (d.error) parts.push(`error: ${d.error}${d.status ? ` (HTTP ${d.status})` : ""}`);
  if (d.call) parts.push(d.call);
  const revocation = d.revocation ? REVOCATION[d.revocation] : undefined;
  if (revocation) parts.push(revocation);
  if (d.missingScopes?.length) parts.push(listOf("missing scopes", d.missingScopes));
  else if (d.scopes?.length) parts.push(listOf("scopes", d.scopes));
  return parts;
}
