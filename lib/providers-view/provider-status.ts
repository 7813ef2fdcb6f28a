import { accountName } from "@/lib/context/account-name";
import type { ContextConnection } from "@/lib/context";

export type ProviderStatusKind = "connected" | "needs_reauth" | "not_connected";

/** What a provider card says about the user's connections to it. */
export type ProviderStatus = {
  kind: ProviderStatusKind;
  /** "Connected as ada@example.com", "2 accounts", "Needs re-authorization", "Not connected". */
  text: string;
  /** Set when some (not all) accounts need re-authorization: "1 needs re-authorization". */
  detail: string | null;
};

/** `connections` must already be this provider's (listContextConnections puts the default first). */
export function providerStatus(connections: readonly ContextConnection[]): ProviderStatus {
  const first = connections[0];
  if (first === undefined) return { kind: "not_connected", text: "Not connected", detail: null };
  const stale = connections.filter((c) => c.status === "needs_reauth").length;
  if (stale === connections.length) return { kind: "needs_reauth", text: "Needs re-authorization", detail: null };
  const text = connections.length === 1 ? `Connected as ${accountName(first)}` : `${connections.length} accounts`;
  return { kind: "connected", text, detail: stale > 0 ? `${stale} needs re-authorization` : null };
}
