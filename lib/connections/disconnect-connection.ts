import type { Db } from "@/db";
import { deleteConnectionRow, findConnectionById } from "@/db/queries/connections";
import { recordEvent } from "@/lib/audit/record-event";
import { isOAuthConfigured, resolveClientConfig, revokeGrant, type RevokeOutcome } from "@/lib/oauth";
import { getProvider } from "@/lib/providers";
import { openAccessToken, openRefreshToken } from "./connection-secrets";

export type DisconnectResult = { deleted: boolean; provider?: string; revocation: RevokeOutcome | "not_applicable" };

/**
 * Delete a connection's credentials and ask the provider to revoke the grant where it can.
 * The row is deleted whatever the provider says; the outcome is reported to the human.
 * Revoking the refresh token (RFC 7009) ends the whole grant at most providers.
 */
export async function disconnectConnection(db: Db, userId: string, connectionId: string): Promise<DisconnectResult> {
  const row = await findConnectionById(db, connectionId);
  if (!row || row.userId !== userId) return { deleted: false, revocation: "not_applicable" };
  const provider = getProvider(row.provider);
  let revocation: DisconnectResult["revocation"] = "not_applicable";
  if (provider?.authType === "oauth2" && isOAuthConfigured(provider)) {
    const token = openRefreshToken(row) ?? openAccessToken(row);
    revocation = token ? await revokeGrant(resolveClientConfig(provider), token) : "not_applicable";
  }
  const deleted = Boolean(await deleteConnectionRow(db, connectionId, userId));
  await recordEvent(db, { userId, action: "connection.delete", provider: row.provider, connectionId: row.id, detail: { account: row.accountLabel, revocation } });
  return { deleted, provider: row.provider, revocation };
}
