import type { DbOrTx } from "@/db";
import { revokeApiKeyRow } from "@/db/queries/api-keys";
import { deleteMcpOauthGrant } from "@/db/queries/mcp-oauth";
import type { ApiKey } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import { emitWebhookEvent } from "@/lib/webhooks";
import { forgetKey } from "./key-cache";

/**
 * Revoke a key (only the owner's, when userId is given). Undefined when nothing matched or it was
 * already revoked. A row that stands for an MCP client's OAuth grant also loses the grant and
 * every code and token issued under it, so the client cannot refresh its way back.
 */
export async function revokeApiKey(db: DbOrTx, id: string, userId?: string): Promise<ApiKey | undefined> {
  const row = await revokeApiKeyRow(db, id, userId);
  await forgetKey(id);
  if (row?.mcpGrantId) await deleteMcpOauthGrant(db, row.mcpGrantId);
  if (row) {
    await recordEvent(db, { userId: row.userId, apiKeyId: row.id, action: "key.revoke", detail: { name: row.name } });
    await emitWebhookEvent(db, { userId: row.userId }, "api_key.revoked", { apiKeyId: row.id, name: row.name, revokedAt: row.revokedAt?.toISOString() ?? null });
  }
  return row;
}
