import type { Db, DbOrTx } from "@/db";
import { settleDefaultAfterSave } from "@/db/queries/connection-defaults";
import { findConnectionByAccount, findConnectionById, insertConnectionIfAbsent, updateConnection } from "@/db/queries/connections";
import { findEndUserConnectionByAccount } from "@/db/queries/provider-tokens";
import type { Connection } from "@/db/schema";
import { randomId } from "@/lib/crypto";
import type { Identity, TokenSet } from "@/lib/oauth";
import { storedExtras } from "@/lib/oauth/stored-extras";
import { emitConnectionEvent } from "@/lib/webhooks";
import { seal } from "./connection-secrets";

/** When the provider would not say who the account is, reconnecting still updates one row. */
export const UNKNOWN_ACCOUNT = "default";

/**
 * Store a fresh grant in one transaction: a reconnect of the same account updates its row
 * in place (same id, so ciphertexts stay bound to it); a grant without a refresh token
 * keeps the previous one. The owner is a dashboard user, or (hosted grant flow) an org's end user.
 * A dashboard user's first account of a provider becomes the default; a later one only when
 * the person chose so on the connect page (`makeDefault`).
 *
 * Webhooks, in the same transaction: `connection.created` for a new row, `connection.recovered`
 * when a reconnect revives one that needed re-authorization.
 */
export async function saveOAuthConnection(
  db: Db,
  input: { userId: string; provider: string; tokens: TokenSet; identity?: Identity; requestedScopes: string[]; makeDefault?: boolean } | { endUserId: string; provider: string; tokens: TokenSet; identity?: Identity; requestedScopes: string[] },
): Promise<Connection> {
  const accountId = input.identity?.accountId ?? UNKNOWN_ACCOUNT;
  return db.transaction(async (tx) => {
    const write = (id: string, previous?: Connection) => ({
      accountLabel: input.identity?.label ?? previous?.accountLabel ?? null,
      scopes: input.tokens.scopes ?? input.requestedScopes,
      status: "active" as const,
      statusReason: null,
      accessTokenEnc: seal(id, "access_token", input.tokens.accessToken),
      refreshTokenEnc: input.tokens.refreshToken ? seal(id, "refresh_token", input.tokens.refreshToken) : (previous?.refreshTokenEnc ?? null),
      tokenType: input.tokens.tokenType,
      expiresAt: input.tokens.expiresAt,
      metadata: { ...(previous?.metadata ?? {}), ...storedExtras(input.provider, input.tokens.extras), ...(input.identity?.metadata ?? {}), ...(input.identity?.email ? { email: input.identity.email } : {}) },
      refreshedAt: null,
      refreshFailures: 0,
      nextRefreshAt: null,
      refreshLeaseUntil: null,
    });
    const settled = async (t: DbOrTx, row: Connection) => {
      if (!("userId" in input)) return row;
      await settleDefaultAfterSave(t, input.userId, input.provider, row.id, input.makeDefault ?? false);
      return (await findConnectionById(t, row.id)) ?? row;
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = "endUserId" in input ? await findEndUserConnectionByAccount(tx, input.endUserId, input.provider, accountId) : await findConnectionByAccount(tx, input.userId, input.provider, accountId);
      if (existing) {
        const updated = await updateConnection(tx, existing.id, write(existing.id, existing));
        if (updated && existing.status === "needs_reauth") await emitConnectionEvent(tx, "connection.recovered", updated);
        if (updated) return settled(tx, updated);
      }
      const id = randomId("conn");
      const created = await insertConnectionIfAbsent(tx, { id, ...("endUserId" in input ? { endUserId: input.endUserId } : { userId: input.userId }), provider: input.provider, authType: "oauth2", accountId, ...write(id) });
      if (created) await emitConnectionEvent(tx, "connection.created", created);
      if (created) return settled(tx, created);
      // A concurrent callback for the same account inserted first: loop once to update it.
    }
    throw new Error("could not save the connection");
  });
}
