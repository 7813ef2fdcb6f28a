import type { ContextConnection } from "./types";

/** What to call an account in prose: its label, else its provider-side id. */
export function accountName(c: ContextConnection): string {
  return c.accountLabel ?? c.accountId;
}

/** The connection /tokens/fetch uses when no account is named: the default, else the first active one. */
export function defaultConnection(connections: readonly ContextConnection[]): ContextConnection | undefined {
  return (
    connections.find((c) => c.isDefault && c.status === "active") ??
    connections.find((c) => c.status === "active") ??
    connections.find((c) => c.isDefault) ??
    connections[0]
  );
}
