/**
 * A short-lived, per-process cache of authenticated keys (by SHA-256 digest), so a token fetch
 * needs one database round trip instead of two.
 *
 * Revocation bound: a key revoked in this process is dropped at once; revoked by another
 * instance (or the CLI), it stops working here within KEY_CACHE_TTL_MS. Expiry is checked on
 * every use against the cached expiresAt. Only successful lookups are cached; unknown keys
 * always reach the database. Bounded in size. Held on globalThis so every bundle Next builds
 * (route handlers, the instrumentation entry that carries the Node fast path) shares one
 * cache, and a revoke in one is seen by all.
 */
import type { AuthedKey } from "./authenticate-api-key";

export const KEY_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry = { key: AuthedKey; expiresAt: Date | null; cachedAt: number };
const holder = globalThis as typeof globalThis & { __akhrotKeyCache?: Map<string, Entry> };
const byDigest: Map<string, Entry> = (holder.__akhrotKeyCache ??= new Map());

export function cachedKey(digest: string, now: number): Entry | undefined {
  const e = byDigest.get(digest);
  if (!e) return undefined;
  if (now - e.cachedAt >= KEY_CACHE_TTL_MS) {
    byDigest.delete(digest);
    return undefined;
  }
  return e;
}

export function cacheKey(digest: string, key: AuthedKey, expiresAt: Date | null, now: number): void {
  if (byDigest.size >= MAX_ENTRIES) byDigest.clear();
  byDigest.set(digest, { key, expiresAt, cachedAt: now });
}

/** Drop a key (by id) from this process's cache: called on revoke. */
export function forgetKey(keyId: string): void {
  for (const [digest, e] of byDigest) if (e.key.id === keyId) byDigest.delete(digest);
}
