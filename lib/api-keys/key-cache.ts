/**
 * A short-lived, per-process cache of authenticated keys (by SHA-256 digest), so a token fetch
 * needs one database round trip instead of two.
 *
 * Revocation bound: a key revoked in this process is dropped at once; revoked by another
 * instance (or the CLI), it stops working here within KEY_CACHE_TTL_MS. Keys in use do not
 * fall out every KEY_CACHE_TTL_MS (1,000 busy keys would cost 200 lookups a second): past
 * RECHECK_AFTER_MS, the ones used since their last check are re-read together in one
 * background query (lib/api-keys/authenticate-api-key.ts), which renews or drops them. The
 * bound holds either way: an entry is served only within KEY_CACHE_TTL_MS of the moment the
 * database last confirmed it. Expiry is checked on
 * every use against the cached expiresAt. Only successful lookups are cached; unknown keys
 * always reach the database. Bounded in size. Held on globalThis so every bundle Next builds
 * (route handlers, the instrumentation entry that carries the Node fast path) shares one
 * cache, and a revoke in one is seen by all.
 */
import { frontLink } from "@/lib/server/front-link";
import type { AuthedKey } from "./authenticate-api-key";

export const KEY_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/** cachedAt: when the database last confirmed the key (a re-check counts from the moment it started); usedAt: its last use here. */
type Entry = { key: AuthedKey; expiresAt: Date | null; cachedAt: number; usedAt: number };

export const RECHECK_AFTER_MS = 2_500;
const holder = globalThis as typeof globalThis & { __akhrotKeyCache?: Map<string, Entry> };
const byDigest: Map<string, Entry> = (holder.__akhrotKeyCache ??= new Map());

export function cachedKey(digest: string, now: number): Entry | undefined {
  const e = byDigest.get(digest);
  if (!e) return undefined;
  if (now - e.cachedAt >= KEY_CACHE_TTL_MS) {
    byDigest.delete(digest);
    return undefined;
  }
  e.usedAt = now;
  return e;
}

export type CachedEntry = { digest: string; entry: Entry };

/** Entries the database confirmed RECHECK_AFTER_MS ago or more and that were used since: the ones a re-check renews. */
export function dueForRecheck(now: number): CachedEntry[] {
  const due: CachedEntry[] = [];
  for (const [digest, entry] of byDigest) {
    const age = now - entry.cachedAt;
    if (age >= RECHECK_AFTER_MS && age < KEY_CACHE_TTL_MS && entry.usedAt > entry.cachedAt) due.push({ digest, entry });
  }
  return due;
}

/**
 * A re-check's answer for one entry: renewed (`fresh`, confirmed at `checkedAt`) or dropped.
 * An entry replaced or forgotten (revoked here) while the re-check ran is left alone.
 */
export function settleRecheck({ digest, entry }: CachedEntry, fresh: { key: AuthedKey; expiresAt: Date | null } | undefined, checkedAt: number): void {
  if (byDigest.get(digest) !== entry) return;
  if (fresh) byDigest.set(digest, { ...fresh, cachedAt: checkedAt, usedAt: entry.usedAt });
  else byDigest.delete(digest);
}

export function cacheKey(digest: string, key: AuthedKey, expiresAt: Date | null, now: number): void {
  if (byDigest.size >= MAX_ENTRIES) byDigest.clear();
  byDigest.set(digest, { key, expiresAt, cachedAt: now, usedAt: now });
}

/**
 * Drop a key (by id) from this process's cache: called on revoke. Under `npm start` on Postgres
 * the front thread holds its own cache (lib/server/front-link.ts): it is done when both dropped it.
 */
export async function forgetKey(keyId: string): Promise<void> {
  for (const [digest, e] of byDigest) if (e.key.id === keyId) byDigest.delete(digest);
  await frontLink()?.forget("key", keyId);
}
