import type { Db } from "@/db";
import { settleDefaultAfterDelete } from "@/db/queries/connection-defaults";
import { deleteConnectionRow, findConnectionById } from "@/db/queries/connections";
import { recordEvent } from "@/lib/audit/record-event";
import { isOAuthConfigured, resolveClientConfig, revokeGrant, type RevokeOutcome } from "@/lib/oauth";
import type { Connection } from "@/db/schema";
import { getProvider } from "@/lib/providers";
import { emitConnectionEvent } from "@/lib/webhooks";
import { openAccessToken, openRefreshToken } from "./connection-secrets";

export type DisconnectResult = { deleted: boolean; provider?: string; revocation: RevokeOutcome | "not_applicable" };

/**
 * Ask the provider to revoke a connection's grant where it can: both stored tokens are handed
 * over, the catalog says which one each provider's revocation takes (Twitch, Dropbox, Slack and
 * GitHub want the access token; Google the refresh token). Personal connections and an org's
 * end users' (lib/end-users/disconnect-end-user-account.ts) go through this one function.
 */
export async function revokeAtProvider(row: Connection): Promise<RevokeOutcome | "not_applicable"> {
  const provider = getProvider(row.provider);
  if (provider?.authType !== "oauth2" || !isOAuthConfigured(provider)) return "not_applicable";
  const tokens = { refreshToken: openRefreshToken(row), accessToken: openAccessToken(row) };
  return tokens.refreshToken || tokens.accessToken ? revokeGrant(resolveClientConfig(provider), tokens) : "not_applicable";
}

/**
 * Delete a connection's credentials and ask the provider to revoke the grant where it can.
 * The row is deleted whatever the provider says; the outcome is reported to the human.
 */
export async function disconnectConnection(db: Db, userId: string, connectionId: string): Promise<DisconnectResult> {
  const row = await findConnectionById(db, connectionId);
  if (!row || row.userId !== userId) return { deleted: false, revocation: "not_applicable" };
  const revocation = await revokeAtProvider(row);
  const gone = await deleteConnectionRow(db, connectionId, userId);
  const deleted = Boolean(gone);
  if (gone) await emitConnectionEvent(db, "connection.revoked", gone);
  // The default went away: the newest remaining account takes over, named as such on the Connections page.
  if (deleted && row.isDefault) await settleDefaultAfterDelete(db, userId, row.provider);
  await recordEvent(db, { userId, action: "connection.delete", provider: row.provider, connectionId: row.id, detail: { account: row.accountLabel, revocation } });
  return { deleted, provider: row.provider, revocation };
}
