/**
 * A short-lived, per-process cache of authenticated keys (by SHA-256 digest), so a token fetch
 * needs one database round trip instead of two.
 *
 * Revocation bound: a key revoked in this process is dropped at once; revoked by another
 * instance (or the CLI), it stops working here within KEY_CACHE_TTL_MS of the moment the
 * database last confirmed it. Keys in use are renewed by one background re-check past
 * RECHECK_AFTER_MS instead of falling out (lib/cache/rechecked-cache.ts says how and why).
 * Expiry is checked on every use against the cached expiresAt. Only successful lookups are
 * cached; unknown keys always reach the database. Bounded in size.
 */
import { findApiKeysByIds } from "@/db/queries/api-keys";
import type { ApiKey } from "@/db/schema";
import { createRecheckedCache } from "@/lib/cache/rechecked-cache";
import { frontLink } from "@/lib/server/front-link";
import type { AuthedKey } from "./authenticate-api-key";

export const KEY_CACHE_TTL_MS = 5_000;
export const RECHECK_AFTER_MS = 2_500;

export type CachedKey = { key: AuthedKey; expiresAt: Date | null };

export function toAuthedKey(row: ApiKey, email: string): AuthedKey {
  return { id: row.id, userId: row.userId, email, name: row.name, providers: row.providers, mcpRevealCredentials: row.mcpRevealCredentials };
}

const cache = createRecheckedCache<CachedKey>("agent-keys", {
  ttlMs: KEY_CACHE_TTL_MS,
  recheckAfterMs: RECHECK_AFTER_MS,
  maxEntries: 10_000,
  async reload(db, due) {
    const rows = await findApiKeysByIds(db, [...new Set(due.map((d) => d.value.key.id))]);
    return new Map(rows.filter((r) => !r.key.revokedAt).map((r) => [r.key.keyHash, { key: toAuthedKey(r.key, r.email), expiresAt: r.key.expiresAt }]));
  },
});

/** The cached key (a use: it may start the background re-check), or undefined. */
export const cachedKey = cache.get;

export function cacheKey(digest: string, key: AuthedKey, expiresAt: Date | null, now: number): void {
  cache.set(digest, { key, expiresAt }, now);
}

/**
 * Drop a key (by id) from this process's cache: called on revoke. Under `npm start` on Postgres
 * the front thread holds its own cache (lib/server/front-link.ts): it is done when both dropped it.
 */
export async function forgetKey(keyId: string): Promise<void> {
  cache.forget((c) => c.key.id === keyId);
  await frontLink()?.forget("key", keyId);
}

/** Resolves when the latest background re-check has settled (tests). */
export const keyRecheckSettled = cache.settled;
