/**
 * Refresh-if-needed for one OAuth connection, correct across processes and instances:
 *
 * 1. In-process: concurrent callers for one connection share one promise (single flight).
 * 2. Across instances: a refresh lease on the row, taken with one conditional UPDATE that also
 *    writes a random fencing token (`refresh_lease_owner`). The winner re-reads the row it got
 *    back (another instance may have refreshed meanwhile), calls the provider, and saves the new
 *    tokens (the rotated refresh token included) and clears the lease in one UPDATE that is
 *    conditional on its token (./save-refreshed-tokens.ts). Every other holder write (release,
 *    failure) is conditional too: a holder whose lease lapsed can never undo the next one's work.
 *    Losers poll the row until it is fresh.
 * 3. A lapsed lease is taken over, but its refresh token is spent only half a lease after the
 *    lapse, a grace in which the previous holder may still save: it may have consumed the refresh token already, and re-using a consumed one
 *    makes rotating providers (oidc-provider, Auth0, Okta) revoke the whole grant.
 * 4. `invalid_grant` → re-read first: tokens saved since our lease was taken win. Otherwise
 *    needs_reauth + TOKEN_EXPIRED. Timeouts and 5xx → PROVIDER_ERROR with credentials untouched
 *    and an exponential back-off; a still-valid token is served during the back-off.
 */
import type { Db } from "@/db";
import { findConnectionById, releaseRefreshLease, tryAcquireRefreshLease, updateAsLeaseHolder, updateConnection } from "@/db/queries/connections";
import type { Connection } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { recordEvent } from "@/lib/audit/record-event";
import { openAccessToken, openRefreshToken } from "@/lib/connections/connection-secrets";
import { randomBase62 } from "@/lib/crypto";
import { env } from "@/lib/env";
import { log, withRequestIdBriefly } from "@/lib/log";
import { recordRefresh } from "@/lib/metrics";
import { describeFailure, PROVIDER_TIMEOUT_MS, ProviderCallError, refreshAccessToken, resolveClientConfig } from "@/lib/oauth";
import type { OAuthProvider } from "@/lib/providers";
import { connectHint } from "@/lib/readiness/provider-readiness";
import { emitConnectionEvent } from "@/lib/webhooks";
import { SAVE_RETRY_BUDGET_MS, saveRefreshedTokens } from "./save-refreshed-tokens";

/**
 * Well above the bounded provider call plus the save's retries: a lease that lapses while its
 * holder is still working is what the fencing and the takeover grace exist for, not the norm.
 */
const LEASE_MS = 2 * (PROVIDER_TIMEOUT_MS + SAVE_RETRY_BUDGET_MS) + 5_000;
const POLL_MS = 75;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** `lapsedAt`: when we took over a lapsed lease, the moment it had lapsed. */
type Lease = { owner: string; ms: number; lapsedAt: Date | null };
/** The lease passed to someone else, or tokens changed under us: go round again and re-read. */
const RETRY = "retry";

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

/** Tokens differ from the row as we read it: someone saved (a refresh or a reconnect) since. */
function tokensChanged(before: Connection, now: Connection): boolean {
  return now.accessTokenEnc !== before.accessTokenEnc || now.refreshTokenEnc !== before.refreshTokenEnc;
}

/**
 * We took over a lapsed lease. Its holder may be alive with a stalled save of tokens for which
 * the provider already consumed the refresh token we hold: until half a lease after the lapse,
 * wait for its save before spending that refresh token, then renew our own lease. (A lease
 * that lapsed long ago costs no wait: that holder is gone.)
 */
async function waitForPreviousHolder(db: Db, row: Connection, lease: Lease, lapsedAt: Date): Promise<typeof RETRY | null> {
  const until = lapsedAt.getTime() + lease.ms / 2;
  if (until <= Date.now()) return null;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const current = await findConnectionById(db, row.id);
    if (!current || tokensChanged(row, current)) return RETRY;
  }
  const renewed = await updateAsLeaseHolder(db, row.id, lease.owner, { refreshLeaseUntil: new Date(Date.now() + lease.ms) });
  return renewed ? null : RETRY;
}

async function refreshAsLeaseHolder(db: Db, provider: OAuthProvider, row: Connection, margin: number, lease: Lease): Promise<FreshToken | typeof RETRY> {
  const now = Date.now();
  const release = () => releaseRefreshLease(db, row.id, lease.owner);
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
  if (lease.lapsedAt) {
    if ((await waitForPreviousHolder(db, row, lease, lease.lapsedAt)) === RETRY) {
      await release();
      return RETRY;
    }
  }
  let tokens;
  try {
    tokens = await refreshAccessToken(resolveClientConfig(provider), refreshToken);
  } catch (err) {
    if (!(err instanceof ProviderCallError)) {
      await release().catch(() => {});
      throw err;
    }
    return providerRefused(db, provider, row, lease, err);
  }
  const saved = await saveRefreshedTokens(db, row, lease.owner, tokens);
  if (saved === "superseded") return RETRY;
  recordRefresh(row.provider, "success");
  return serve(saved);
}

async function providerRefused(db: Db, provider: OAuthProvider, row: Connection, lease: Lease, err: ProviderCallError): Promise<FreshToken | typeof RETRY> {
  recordRefresh(row.provider, "failure", err.failure.error);
  log().warn({ where: "token.refresh", provider: row.provider, connectionId: row.id, reason: err.failure.error, kind: err.failure.kind, status: err.failure.status ?? null }, "token refresh failed");
  const description = err.failure.description ? { description: err.failure.description } : {};
  if (err.failure.kind === "rejected") {
    // Another instance may have refreshed (rotating the token we just sent) and saved since our
    // lease was taken: its tokens are the live ones, not a dead grant.
    const current = await findConnectionById(db, row.id);
    if (!current || tokensChanged(row, current)) {
      await releaseRefreshLease(db, row.id, lease.owner);
      return RETRY;
    }
    // The provider's own words go to the agent, the dashboard (statusReason) and the activity log.
    const said = describeFailure(err.failure);
    const marked = await updateAsLeaseHolder(db, row.id, lease.owner, { status: "needs_reauth", statusReason: `${provider.name} refused to refresh the token: ${said}`, refreshLeaseUntil: null, refreshLeaseOwner: null, refreshFailures: row.refreshFailures + 1 });
    if (!marked) return RETRY;
    await emitConnectionEvent(db, "connection.needs_reauth", marked);
    await recordEvent(db, { userId: row.userId, action: "token.refresh", provider: row.provider, connectionId: row.id, outcome: "failure", detail: { error: err.failure.error, ...description } });
    throw reauthError(provider, `${provider.name} refused to refresh the token (${said}); the connection is marked for re-authorization.`);
  }
  const failures = row.refreshFailures + 1;
  const retryAt = new Date(Date.now() + backoffMs(failures));
  await updateAsLeaseHolder(db, row.id, lease.owner, { refreshFailures: failures, nextRefreshAt: retryAt, refreshLeaseUntil: null, refreshLeaseOwner: null });
  await recordEvent(db, { userId: row.userId, action: "token.refresh", provider: row.provider, connectionId: row.id, outcome: "failure", detail: { error: err.failure.error, ...description, status: err.failure.status ?? null, retryAt: retryAt.toISOString() } });
  if (row.expiresAt && row.expiresAt.getTime() > Date.now()) return serve(row);
  throw providerDown(row, retryAt, err.failure.description ? describeFailure(err.failure) : undefined);
}

async function expiredWithoutRefresh(db: Db, provider: OAuthProvider, row: Connection): Promise<FreshToken> {
  if (row.expiresAt && row.expiresAt.getTime() > Date.now()) return serve(row); // inside the margin, still valid
  const why = `The ${provider.name} token expired and ${provider.name} gave no refresh token.`;
  const marked = await updateConnection(db, row.id, { status: "needs_reauth", statusReason: why });
  if (marked && row.status !== "needs_reauth") await emitConnectionEvent(db, "connection.needs_reauth", marked);
  throw reauthError(provider, why);
}

async function refreshAcrossInstances(db: Db, provider: OAuthProvider, connectionId: string, margin: number, leaseMs: number): Promise<FreshToken> {
  // A lease, a takeover grace of half a lease, and the holder's own work after it.
  const deadline = Date.now() + 2 * leaseMs + 2_000;
  const attempt = async (lapsedAt: Date | null): Promise<FreshToken | typeof RETRY | undefined> => {
    const now = new Date();
    const owner = randomBase62(22);
    const leased = await tryAcquireRefreshLease(db, connectionId, { owner, now, until: new Date(now.getTime() + leaseMs), when: lapsedAt ? "lapsed" : "free" });
    if (!leased) return undefined;
    try {
      return await refreshAsLeaseHolder(db, provider, leased, margin, { owner, ms: leaseMs, lapsedAt });
    } catch (err) {
      // Whatever failed (a secret that cannot be opened, a database error), the lease goes back now
      // rather than blocking this connection until it lapses. A no-op if it is no longer ours.
      await releaseRefreshLease(db, connectionId, owner).catch(() => {});
      throw err;
    }
  };
  for (;;) {
    const free = await attempt(null);
    if (free && free !== RETRY) return free;
    if (!free) await new Promise((r) => setTimeout(r, POLL_MS));
    const row = await findConnectionById(db, connectionId);
    if (!row) throw new ApiError("INTEGRATION_NOT_FOUND", `The ${provider.name} connection was removed.`, { provider: provider.code });
    if (row.status === "needs_reauth") throw reauthError(provider, `The ${provider.name} connection needs re-authorization.`);
    if (isFresh(row, Date.now(), margin)) return serve(row);
    if (Date.now() > deadline) throw providerDown(row, new Date(Date.now() + 1000));
    if (row.refreshLeaseUntil && row.refreshLeaseUntil.getTime() < Date.now()) {
      const taken = await attempt(row.refreshLeaseUntil);
      if (taken && taken !== RETRY) return taken;
    }
  }
}

/** The connection's access token, refreshed first when it expires within the margin. */
export async function ensureFreshToken(
  db: Db,
  provider: OAuthProvider,
  row: Connection,
  opts: { coalesce?: boolean; marginMs?: number; leaseMs?: number; reqId?: string } = {},
): Promise<FreshToken> {
  const margin = opts.marginMs ?? marginMs();
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  if (isFresh(row, Date.now(), margin)) return serve(row);
  // A refresh logs what went wrong: with the request's id, also where none is bound (npm start's front thread).
  if (opts.reqId) return withRequestIdBriefly(opts.reqId, () => ensureFreshToken(db, provider, row, { ...opts, reqId: undefined }));
  if (!row.refreshTokenEnc) return expiredWithoutRefresh(db, provider, row);
  // Tests switch coalescing off to prove the database lease alone serialises refreshes, and
  // shorten the lease to make it lapse.
  if (opts.coalesce === false) return refreshAcrossInstances(db, provider, row.id, margin, leaseMs);
  const running = inFlight.get(row.id);
  if (running) return running;
  const p = refreshAcrossInstances(db, provider, row.id, margin, leaseMs).finally(() => inFlight.delete(row.id));
  inFlight.set(row.id, p);
  return p;
}
