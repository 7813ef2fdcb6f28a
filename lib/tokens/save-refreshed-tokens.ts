/**
 * The write after a successful refresh: the one moment a rotated refresh token exists only in
 * this process's memory (the provider already consumed the old one). So it is fenced, retried,
 * and never silently dropped:
 *
 * - First, as lease holder: `… WHERE refresh_lease_owner = ours`.
 * - 0 rows means our lease lapsed (a stalled save) and someone else holds it. If the stored
 *   tokens are still the ones we consumed, nobody saved anything newer and ours are the only
 *   live ones → compare-and-set on those ciphertexts (the new holder's lease is left alone; it
 *   sees the tokens change and serves them). If they changed (another save or a reconnect),
 *   ours are stale → "superseded", and the caller re-reads the row.
 * - A database error is retried a few times with a short back-off, logged loudly (connection id
 *   and error name only, never a token or SQL parameters).
 */
import type { Db } from "@/db";
import { updateAsLeaseHolder, updateConnectionIfTokensAre } from "@/db/queries/connections";
import type { Connection, NewConnection } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { seal } from "@/lib/connections/connection-secrets";
import type { TokenSet } from "@/lib/oauth/token-set";
import { log } from "@/lib/log";

const SAVE_ATTEMPTS = 4;
const SAVE_BACKOFF_MS = [200, 800, 2_000];
/** Upper bound of the retries' sleeps; the lease must outlive the provider call plus this. */
export const SAVE_RETRY_BUDGET_MS = SAVE_BACKOFF_MS.reduce((a, b) => a + b, 0);

function describe(err: unknown): string {
  if (!(err instanceof Error)) return "error";
  const code = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? `${err.name} ${code}` : err.name;
}

async function saveOnce(db: Db, row: Connection, owner: string, set: Partial<NewConnection>): Promise<Connection | "superseded"> {
  const saved = await updateAsLeaseHolder(db, row.id, owner, { ...set, refreshLeaseUntil: null, refreshLeaseOwner: null });
  if (saved) return saved;
  const swapped = await updateConnectionIfTokensAre(db, row.id, { accessTokenEnc: row.accessTokenEnc, refreshTokenEnc: row.refreshTokenEnc }, set);
  return swapped ?? "superseded";
}

/** Persist a refresh's answer for the lease `owner` took on `row` (the row as read at acquisition). */
export async function saveRefreshedTokens(db: Db, row: Connection, owner: string, tokens: TokenSet): Promise<Connection | "superseded"> {
  const set: Partial<NewConnection> = {
    accessTokenEnc: seal(row.id, "access_token", tokens.accessToken),
    // Rotation: the new refresh token replaces the old in the same UPDATE; none sent → keep the old.
    ...(tokens.refreshToken ? { refreshTokenEnc: seal(row.id, "refresh_token", tokens.refreshToken) } : {}),
    expiresAt: tokens.expiresAt,
    ...(tokens.scopes?.length ? { scopes: tokens.scopes } : {}),
    // A refresh that worked proves the grant is alive, whatever a racing holder concluded.
    status: "active",
    statusReason: null,
    refreshedAt: new Date(),
    refreshFailures: 0,
    nextRefreshAt: null,
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await saveOnce(db, row, owner, set);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      const last = attempt >= SAVE_ATTEMPTS;
      log().error(
        { where: "token.refresh.save", connectionId: row.id, attempt, attempts: SAVE_ATTEMPTS },
        `saving refreshed tokens failed (${describe(err)})` +
          (last ? "; giving up: the provider may already have rotated the stored refresh token, so this connection may need re-authorization" : "; retrying"),
      );
      if (last) throw err;
      await new Promise((r) => setTimeout(r, SAVE_BACKOFF_MS[attempt - 1] ?? 2_000));
    }
  }
}
