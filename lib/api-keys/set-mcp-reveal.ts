import type { DbOrTx } from "@/db";
import { setApiKeyMcpReveal } from "@/db/queries/api-keys";
import type { ApiKey } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import { forgetKey } from "./key-cache";

/**
 * Turn "may reveal credentials to MCP clients" on or off for one of the owner's active keys.
 * The cached key is dropped so the change applies to this process's next MCP request at once
 * (other instances within the key cache's few seconds). Undefined when no active key matched.
 */
export async function setMcpReveal(db: DbOrTx, id: string, userId: string, enabled: boolean): Promise<ApiKey | undefined> {
  const row = await setApiKeyMcpReveal(db, id, userId, enabled);
  await forgetKey(id);
  if (row) await recordEvent(db, { userId, apiKeyId: row.id, action: "key.mcp_reveal", detail: { name: row.name, enabled } });
  return row;
}
