import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { listDashboardConnections, setDefaultConnection } from "@/db/queries/dashboard-connections";
import type { AuthType, ConnectionStatus } from "@/db/schema";
import { maskApiKey } from "@/lib/api-keys";
import { disconnectConnection, type DisconnectResult } from "@/lib/connections/disconnect-connection";
import { UNKNOWN_ACCOUNT } from "@/lib/connections/save-oauth-connection";
import { getProvider } from "@/lib/providers";
import { protectedProcedure, router } from "../init";

const byId = z.object({ id: z.string().min(1).max(64) });

export type ConnectionListItem = {
  id: string;
  provider: string;
  providerName: string;
  authType: AuthType;
  /** Human label ("alice@example.com", "OpenAI …abcd"); null when the provider would not say. */
  accountLabel: string | null;
  scopes: string[];
  status: ConnectionStatus;
  /** The provider's own reason for a needs_reauth status (sanitised), when it gave one. */
  statusReason: string | null;
  isDefault: boolean;
  connectedAt: Date;
  refreshedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedBy: { id: string; name: string; masked: string } | null;
};

export type DisconnectOutcome = { deleted: boolean; provider: string; providerName: string; revocation: DisconnectResult["revocation"] };

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "No connection with that id." });

export const connectionsRouter = router({
  // Every connection of the signed-in user, grouped by provider; never a ciphertext column.
  list: protectedProcedure.query(async ({ ctx }): Promise<ConnectionListItem[]> => {
    const rows = await listDashboardConnections(ctx.db, ctx.user.id);
    const items = rows.map((r) => ({
      id: r.id,
      provider: r.provider,
      providerName: getProvider(r.provider)?.name ?? r.provider,
      authType: r.authType,
      accountLabel: r.accountLabel ?? (r.accountId === UNKNOWN_ACCOUNT ? null : r.accountId),
      scopes: r.scopes,
      status: r.status,
      statusReason: r.statusReason,
      isDefault: r.isDefault,
      connectedAt: r.createdAt,
      refreshedAt: r.refreshedAt,
      expiresAt: r.expiresAt,
      lastUsedAt: r.lastUsedAt,
      lastUsedBy: r.lastUsedKeyId && r.lastUsedKeyName && r.lastUsedKeyLastFour ? { id: r.lastUsedKeyId, name: r.lastUsedKeyName, masked: maskApiKey(r.lastUsedKeyLastFour) } : null,
    }));
    // Stable sort: accounts of one provider keep the query's default-first order.
    return items.sort((a, b) => a.providerName.localeCompare(b.providerName, "en"));
  }),

  // Delete the credentials and ask the provider to revoke; the outcome is for the human.
  disconnect: protectedProcedure.input(byId).mutation(async ({ ctx, input }): Promise<DisconnectOutcome> => {
    const result = await disconnectConnection(ctx.db, ctx.user.id, input.id);
    if (!result.provider) throw notFound();
    return { deleted: result.deleted, provider: result.provider, providerName: getProvider(result.provider)?.name ?? result.provider, revocation: result.revocation };
  }),

  // The account agents get for this provider when they do not name one.
  setDefault: protectedProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const row = await setDefaultConnection(ctx.db, ctx.user.id, input.id);
    if (!row) throw notFound();
    return row;
  }),
});
