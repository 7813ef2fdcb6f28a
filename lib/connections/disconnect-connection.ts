import type { Db } from "@/db";
import { deleteConnectionRow, findConnectionById } from "@/db/queries/connections";
import { recordEvent } from "@/lib/audit/record-event";
import { isOAuthConfigured, resolveClientConfig, revokeGrant, type RevokeOutcome } from "@/lib/oauth";
import { getProvider } from "@/lib/providers";
import { emitConnectionEvent } from "@/lib/webhooks";
import { openAccessToken, openRefreshToken } from "./connection-secrets";

export type DisconnectResult = { deleted: boolean; provider?: string; revocation: RevokeOutcome | "not_applicable" };

/**
 * Delete a connection's credentials and ask the provider to revoke the grant where it can.
 * The row is deleted whatever the provider says; the outcome is reported to the human.
 * Both stored tokens are handed over: the catalog says which one each provider's revocation
 * takes (Twitch, Dropbox, Slack and GitHub want the access token; Google the refresh token).
 */
export async function disconnectConnection(db: Db, userId: string, connectionId: string): Promise<DisconnectResult> {
  const row = await findConnectionById(db, connectionId);
  if (!row || row.userId !== userId) return { deleted: false, revocation: "not_applicable" };
  const provider = getProvider(row.provider);
  let revocation: DisconnectResult["revocation"] = "not_applicable";
  if (provider?.authType === "oauth2" && isOAuthConfigured(provider)) {
    const tokens = { refreshToken: openRefreshToken(row), accessToken: openAccessToken(row) };
    revocation = tokens.refreshToken || tokens.accessToken ? await revokeGrant(resolveClientConfig(provider), tokens) : "not_applicable";
  }
  const deleted = await deleteConnectionRow(db, connectionId, userId);
  if (deleted) await emitConnectionEvent(db, "connection.revoked", deleted);
  await recordEvent(db, { userId, action: "connection.delete", provider: row.provider, connectionId: row.id, detail: { account: row.accountLabel, revocation } });
  return { deleted: Boolean(deleted), provider: row.provider, revocation };
}
