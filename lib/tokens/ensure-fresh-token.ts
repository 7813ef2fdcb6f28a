/**
 * Refresh-if-needed for one OAuth connection, correct across processes and instances:
 *
 * 1. In-process: concurrent callers for one connection share one promise (single flight).
 * 2. Across instances: a refresh lease on the row, taken with one conditional UPDATE. The
 *    winner re-reads the row it got back (another instance may have refreshed meanwhile),
 *    calls the provider, and saves the new tokens — the rotated refresh token included — and
 *    clears the lease in the same UPDATE. Losers poll the row until it is fresh.
 * 3. `invalid_grant` (and other permanent refusals) → needs_reauth + TOKEN_EXPIRED. Timeouts
 *    and 5xx → PROVIDER_ERROR with credentials untouched and an exponential back-off, so a
 *    failing provider is not hammered; a still-valid token is served during the back-off.
 */
import type { Db } from "@/db";
import { findConnectionById, tryAcquireRefreshLease, updateConnection } from "@/db/queries/connections";
import type { Connection } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { recordEvent } from "@/lib/audit/record-event";
import { openAccessToken, openRefreshToken, seal } from "@/lib/connections/connection-secrets";
import { env } from "@/lib/env";
import { describeFailure, PROVIDER_TIMEOUT_MS, ProviderCallError, refreshAccessToken, resolveClientConfig } from "@/lib/oauth";
import type { OAuthProvider } from "@/lib/providers";
import { connectHint } from "@/lib/readiness/provider-readiness";
import { log } from "@/lib/log";
import { recordRefresh } from "@/lib/metrics";

const LEASE_MS = PROVIDER_TIMEOUT_MS + 5_000; // outlives the bounded provider call
const WAIT_MS = LEASE_MS + 2_000;
const POLL_MS = 75;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;

export type FreshToken = { accessToken: string; expiresAt: Date | null; scopes: string[]; connection: Connection };

const inFlight = new Map<string, Promise<FreshToken>>();

export function marginMs(): number {
  return env().TOKEN_REFRESH_MARGIN_SECONDS * 1000;
}

function isFresh(row: Connection, now: number, margin: number): boolean {
  return !row.expiresAt || row.expiresAt.getTime() - now > margin;
}

function serve(row: Connection): FreshToken {
  const accessToken = openAccessToken(row);
  if (!accessToken) throw new Error(`connection ${row.id} has no access token`);
  return { accessToken, expiresAt: row.expiresAt, scopes: row.scopes, connection: row };
}

export function reauthError(provider: OAuthProvider, why: string): ApiError {
  return new ApiError("TOKEN_EXPIRED", `${why} ${connectHint(provider)}`, { provider: provider.code });
}

function backoffMs(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
}

function providerDown(row: Connection, retryAt: Date, said?: string): ApiError {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
  const what = said ? `refused the token refresh (${said})` : "did not answer the token refresh";
  return new ApiError("PROVIDER_ERROR", `${row.provider} ${what}. Stored credentials are unchanged; retry in ${seconds} s.`, { provider: row.provider }, { "retry-after": String(seconds) });
}

async function refreshAsLeaseHolder(db: Db, provider: OAuthProvider, row: Connection, margin: number): Promise<FreshToken> {
  const now = Date.now();
  const release = () => updateConnection(db, row.id, { refreshLeaseUntil: null });
  if (isFresh(row, now, margin) && row.status === "active") {
    await release();
    return serve(row);
  }
  if (row.status === "needs_reauth") {
    await release();
    throw reauthError(provider, `The ${provider.name} connection needs re-authorization.`);
  }
  if (row.nextRefreshAt && row.nextRefreshAt.getTime() > now) {
    await release();
    if (row.expiresAt && row.expiresAt.getTime() > now) return serve(row);
    throw providerDown(row, row.nextRefreshAt);
  }
  const refreshToken = openRefreshToken(row);
  if (!refreshToken) {
    await release();
    return expiredWithoutRefresh(db, provider, row);
  }
  try {
    const tokens = await refreshAccessToken(resolveClientConfig(provider), refreshToken);
    const saved = await updateConnection(db, row.id, {
      accessTokenEnc: seal(row.id, "access_token", tokens.accessToken),
      // Rotation: the new refresh token replaces the old in the same UPDATE; none sent → keep the old.
      ...(tokens.refreshToken ? { refreshTokenEnc: seal(row.id, "refresh_token", tokens.refreshToken) } : {}),
      expiresAt: tokens.expiresAt,
      ...(tokens.scopes?.length ? { scopes: tokens.scopes } : {}),
      refreshedAt: new Date(),
      refreshFailures: 0,
      statusReason: null,
      nextRefreshAt: null,
      refreshLeaseUntil: null,
    });
    if (!saved) throw new Error("connection disappeared during refresh");
    recordRefresh(row.provider, "success");
    return serve(saved);
  } catch (err) {
    if (!(err instanceof ProviderCallError)) {
      await release().catch(() => {});
      throw err;
    }
    recordRefresh(row.provider, "failure", err.failure.error);
    log().warn({ where: "token.refresh", provider: row.provider, connectionId: row.id, reason: err.failure.error, kind: err.failure.kind, status: err.failure.status ?? null }, "token refresh failed");
    if (err.failure.kind === "rejected") {
      // The provider's own words go to the agent, the dashboard (statusReason) and the activity log.
      const said = describeFailure(err.failure);
      await updateConnection(db, row.id, { status: "needs_reauth", statusReason: `${provider.name} refused to refresh the token: ${said}`, refreshLeaseUntil: null, refreshFailures: row.refreshFailures + 1 });
      await recordEvent(db, { userId: row.userId, action: "token.refresh", provider: row.provider, connectionId: row.id, outcome: "failure", detail: { error: err.failure.error, ...(err.failure.description ? { description: err.failure.description } : {}) } });
      throw reauthError(provider, `${provider.name} refused to refresh the token (${said}); the connection is marked for re-authorization.`);
    }
    const failures = row.refreshFailures + 1;
    const retryAt = new Date(Date.now() + backoffMs(failures));
    await updateConnection(db, row.id, { refreshFailures: failures, nextRefreshAt: retryAt, refreshLeaseUntil: null });
    await recordEvent(db, { userId: row.userId, action: "token.refresh", provider: row.provider, connectionId: row.id, outcome: "failure", detail: { error: err.failure.error, ...(err.failure.description ? { description: err.failure.description } : {}), status: err.failure.status ?? null, retryAt: retryAt.toISOString() } });
    if (row.expiresAt && row.expiresAt.getTime() > Date.now()) return serve(row);
    throw providerDown(row, retryAt, err.failure.description ? describeFailure(err.failure) : undefined);
  }
}

async function expiredWithoutRefresh(db: Db, provider: OAuthProvider, row: Connection): Promise<FreshToken> {
  if (row.expiresAt && row.expiresAt.getTime() > Date.now()) return serve(row); // inside the margin, still valid
  const why = `The ${provider.name} token expired and ${provider.name} gave no refresh token.`;
  await updateConnection(db, row.id, { status: "needs_reauth", statusReason: why });
  throw reauthError(provider, why);
}

async function refreshAcrossInstances(db: Db, provider: OAuthProvider, connectionId: string, margin: number): Promise<FreshToken> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const now = new Date();
    const leased = await tryAcquireRefreshLease(db, connectionId, now, new Date(now.getTime() + LEASE_MS));
    if (leased) return refreshAsLeaseHolder(db, provider, leased, margin);
    await new Promise((r) => setTimeout(r, POLL_MS));
    const row = await findConnectionById(db, connectionId);
    if (!row) throw new ApiError("INTEGRATION_NOT_FOUND", `The ${provider.name} connection was removed.`, { provider: provider.code });
    if (row.status === "needs_reauth") throw reauthError(provider, `The ${provider.name} connection needs re-authorization.`);
    if (isFresh(row, Date.now(), margin)) return serve(row);
    if (Date.now() > deadline) throw providerDown(row, new Date(Date.now() + 1000));
  }
}

/** The connection's access token, refreshed first when it expires within the margin. */
export async function ensureFreshToken(
  db: Db,
  provider: OAuthProvider,
  row: Connection,
  opts: { coalesce?: boolean; marginMs?: number } = {},
): Promise<FreshToken> {
  const margin = opts.marginMs ?? marginMs();
  if (isFresh(row, Date.now(), margin)) return serve(row);
  if (!row.refreshTokenEnc) return expiredWithoutRefresh(db, provider, row);
  // Tests switch coalescing off to prove the database lease alone serialises refreshes.
  if (opts.coalesce === false) return refreshAcrossInstances(db, provider, row.id, margin);
  const running = inFlight.get(row.id);
  if (running) return running;
  const p = refreshAcrossInstances(db, provider, row.id, margin).finally(() => inFlight.delete(row.id));
  inFlight.set(row.id, p);
  return p;
}
