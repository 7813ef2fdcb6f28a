/**
 * POST /tokens/fetch: the agent's one call for a credential. Reads the user's connection,
 * refreshes an OAuth token inside its margin, and answers in the contract's shape for each
 * auth type. Activity and last-use are recorded off the response path.
 */
import type { Db } from "@/db";
import { listProviderConnections, stampConnectionsUsed } from "@/db/queries/connections";
import type { Connection } from "@/db/schema";
import { createStampQueue } from "@/db/write-batcher";
import { defer } from "@/lib/api/defer";
import { ApiError } from "@/lib/api/errors";
import { assertKeyAllowsProvider, type AuthedKey } from "@/lib/api-keys";
import { queueEvent } from "@/lib/audit/queue-event";
import { requireProvider } from "@/lib/connect/require-provider";
import { openFields } from "@/lib/connections/connection-secrets";
import { env } from "@/lib/env";
import type { Provider } from "@/lib/providers";
import { assertProviderReady, connectHint } from "@/lib/readiness/provider-readiness";
import { ensureFreshToken, reauthError } from "./ensure-fresh-token";

export type FetchTokenInput = { provider: string; account?: string; scopes?: string[] };

function pickConnection(provider: Provider, rows: Connection[], account?: string): Connection {
  // The hint is built only for an error: a fetch that finds its connection never needs it.
  const connect = () => connectHint(provider);
  if (!rows.length) throw new ApiError("INTEGRATION_NOT_FOUND", `${provider.code} is not connected. ${connect()}`, { provider: provider.code });
  if (!account) return rows[0] as Connection;
  const wanted = account.toLowerCase();
  const match = rows.find((r) => r.accountId === account || r.accountLabel?.toLowerCase() === wanted);
  if (!match) {
    const known = rows.map((r) => r.accountLabel ?? r.accountId).join(", ");
    throw new ApiError("INTEGRATION_NOT_FOUND", `No ${provider.code} account "${account.slice(0, 100)}" is connected (connected: ${known}). ${connect()}`, { provider: provider.code });
  }
  return match;
}

/**
 * How stale a connection's "last used" may get while it is in use: its first use (or a use by
 * another key) is written at once, then at most one stamp per 5 minutes. An UPDATE of a
 * connection row per fetch pair every 30 s, the former interval, was the largest cost left on
 * a busy instance: with 10,000 connections in use the bench's fetches slowed by a third while
 * the stamps were due (README, Performance). The Activity page has every fetch to the second.
 */
export const CONNECTION_STAMP_EVERY_MS = 5 * 60_000;

const stamps = createStampQueue<{ id: string; at: Date; keyId: string }>("connection last-used stamp", stampConnectionsUsed, CONNECTION_STAMP_EVERY_MS);

/**
 * Activity row for every successful fetch; the connection's last-used stamp when the row's own
 * stamp is older than CONNECTION_STAMP_EVERY_MS or names another key (so no process, serverless
 * or not, rewrites a fresh one), and then at most once per that interval per process. Both
 * batched, after the response. Refused and failed fetches are recorded by the agent wrapper
 * (lib/audit/record-agent-failure.ts), with the message the agent got.
 */
function recordSuccess(db: Db, key: AuthedKey, row: Connection, detail: Record<string, unknown>): void {
  defer(() => queueEvent(db, { userId: key.userId, apiKeyId: key.id, action: "token.fetch", provider: row.provider, connectionId: row.id, outcome: "success", detail }));
  const now = Date.now();
  if (row.lastUsedKeyId === key.id && row.lastUsedAt && now - row.lastUsedAt.getTime() < CONNECTION_STAMP_EVERY_MS) return;
  if (!stamps.due(`${row.id}:${key.id}`, now)) return;
  defer(() => stamps.queue(db, { id: row.id, at: new Date(now), keyId: key.id }));
}

/** `auditDetail` is added to the activity row (the MCP tool passes its channel and client name); `reqId`: see answerTokenFetch. */
export async function fetchToken(db: Db, key: AuthedKey, input: FetchTokenInput, auditDetail: Record<string, unknown> = {}, reqId?: string) {
  const provider = requireProvider(input.provider);
  assertKeyAllowsProvider(key, provider.code);
  // Telegram's session string is useless without this instance's api_id/api_hash: refuse before anything is recorded.
  if (provider.authType === "mtproto") assertProviderReady(provider);
  const row = pickConnection(provider, await listProviderConnections(db, key.userId, provider.code), input.account);
  const account = { id: row.accountId, label: row.accountLabel };

  if (provider.authType !== "oauth2") {
    const fields = openFields(row);
    // The main field, or (MongoDB with only an Atlas key pair) the first secret field present.
    const mainField = fields[provider.accessTokenField] ? provider.accessTokenField : provider.credentialFields.find((f) => f.secret && fields[f.name])?.name;
    const { [mainField ?? provider.accessTokenField]: accessToken, ...rest } = fields;
    if (!accessToken) throw new ApiError("INTEGRATION_NOT_FOUND", `The ${provider.name} connection holds no credential. ${connectHint(provider)}`, { provider: provider.code });
    if (provider.authType === "mtproto") {
      const e = env();
      recordSuccess(db, key, row, auditDetail);
      return { provider: provider.code, type: "mtproto" as const, accessToken, apiId: Number(e.TELEGRAM_API_ID), apiHash: e.TELEGRAM_API_HASH ?? "", account, connectionId: row.id };
    }
    recordSuccess(db, key, row, auditDetail);
    return {
      provider: provider.code,
      type: "api_key" as const,
      accessToken,
      fields: rest,
      usage: { header: provider.usage.header, format: provider.usage.format, baseUrl: provider.usage.baseUrl, ...(provider.usage.extraHeaders ? { extraHeaders: provider.usage.extraHeaders } : {}) },
      account,
      connectionId: row.id,
    };
  }

  if (row.status === "needs_reauth") throw reauthError(provider, `The ${provider.name} connection needs re-authorization.`);
  const missingScopes = (input.scopes ?? []).filter((s) => !row.scopes.includes(s));
  if (missingScopes.length) {
    throw new ApiError(
      "INSUFFICIENT_SCOPE",
      `The ${provider.name} grant lacks: ${missingScopes.join(" ")}. Ask your human to approve them. ${connectHint(provider, { provider: provider.code, scopes: missingScopes })}`,
      { provider: provider.code, missingScopes },
    );
  }
  const fresh = await ensureFreshToken(db, provider, row, { reqId });
  recordSuccess(db, key, row, auditDetail);
  return {
    provider: provider.code,
    type: "oauth2" as const,
    accessToken: fresh.accessToken,
    tokenType: "Bearer",
    expiresAt: fresh.expiresAt?.toISOString() ?? null,
    scopes: fresh.scopes,
    account,
    connectionId: row.id,
  };
}
