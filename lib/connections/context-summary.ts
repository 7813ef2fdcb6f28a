import type { Db } from "@/db";
import type { AuthedKey } from "@/lib/api-keys";
import { buildSummary, type ContextDocument, type SummaryJson } from "@/lib/context";
import { providerAccess } from "@/lib/readiness/provider-readiness";
import { listContextConnections } from "./list-context-connections";

/** GET /ai/context/summary and the MCP tool list_connections: this user's connections, narrowed to the key's allow-list. */
export async function contextSummary(db: Db, key: AuthedKey, baseUrl: string): Promise<ContextDocument<SummaryJson>> {
  const connections = await listContextConnections(db, key.userId);
  const visible = key.providers ? connections.filter((c) => key.providers?.includes(c.provider)) : connections;
  return buildSummary(visible, baseUrl, providerAccess(key.providers));
}
