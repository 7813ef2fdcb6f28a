/**
 * A per-process cache of authenticated keys by SHA-256 digest that keeps the keys in use fresh
 * with one background re-check: what the agent key cache (lib/api-keys/key-cache.ts) and the
 * service key cache (lib/service-keys/service-key-cache.ts) are made of. Touch it to change the
 * policy of both.
 *
 * Revocation bound: an entry is served only within `ttlMs` of the moment the database last
 * confirmed it (a re-check counts from the moment it started). Keys in use do not fall out every
 * `ttlMs` (1,000 busy keys would cost 200 lookups a second): past `recheckAfterMs`, the ones used
 * since their last check are re-read together by ONE background `reload` (at most one at a time
 * and one a second), which renews or drops them. A failed re-check renews nothing: its entries
 * run out at their TTL and the next use looks them up. Bounded in size (cleared when full).
 *
 * The entries AND the re-check's state live on globalThis under the cache's name: Next's bundles
 * (route handlers, the instrumentation entry) and the tsx-loaded server in the same process each
 * load this module, and they must share one cache (a revoke in one is seen by all) and one
 * re-check (not one per copy).
 */
import type { Db } from "@/db";

/** The least time between two re-checks' starts. */
const RECHECK_EVERY_MS = 1_000;
/** At most this many entries per `reload` (one statement's parameters); a larger re-check runs its parts in turn. */
const RELOAD_AT_MOST = 1_000;

/** cachedAt: when the database last confirmed the value; usedAt: its last use here. */
type Entry<V> = { value: V; cachedAt: number; usedAt: number };
type State<V> = {
  entries: Map<string, Entry<V>>;
  recheck: { running: boolean; last: number; settled: Promise<void> };
};

/** An entry a re-check asks about: its digest, the value it holds, its last use here. */
export type DueEntry<V> = { digest: string; value: V; usedAt: number };

export type RecheckedCacheOptions<V> = {
  ttlMs: number;
  recheckAfterMs: number;
  maxEntries: number;
  /**
   * The due entries' values as the database has them now, by digest (at most RELOAD_AT_MOST
   * entries a call). A digest the answer lacks (deleted, revoked, replaced) is dropped; one it
   * has is renewed with the value given.
   */
  reload: (db: Db, due: DueEntry<V>[]) => Promise<Map<string, V>>;
};

export type RecheckedCache<V> = {
  /** The cached value (a use: it counts towards the next re-check, which this may start), or undefined. */
  get(db: Db, digest: string, now: number): V | undefined;
  /** Cache a value the database just confirmed. */
  set(digest: string, value: V, now: number): void;
  /** Drop every entry whose value matches (a revoke in this process). */
  forget(match: (value: V) => boolean): void;
  /** Resolves when the latest re-check has settled (tests). */
  settled(): Promise<void>;
};

const holder = globalThis as typeof globalThis & { __akhrotRecheckedCaches?: Map<string, State<unknown>> };

export function createRecheckedCache<V>(name: string, options: RecheckedCacheOptions<V>): RecheckedCache<V> {
  const { ttlMs, recheckAfterMs, maxEntries, reload } = options;
  const states = (holder.__akhrotRecheckedCaches ??= new Map());
  let found = states.get(name) as State<V> | undefined;
  if (!found) states.set(name, (found = { entries: new Map(), recheck: { running: false, last: Number.NEGATIVE_INFINITY, settled: Promise.resolve() } }));
  const state: State<V> = found;
  const { entries } = state;

  function recheckSoon(db: Db, now: number): void {
    const { recheck } = state;
    // (A caller's clock behind the last re-check's, as in tests that pass their own `now`, does not wait.)
    if (recheck.running || (now >= recheck.last && now - recheck.last < RECHECK_EVERY_MS)) return;
    // The scan counts as a re-check's start even when nothing is due: every use past the first
    // of a second would otherwise walk the whole cache. An entry that falls due just after waits
    // at most RECHECK_EVERY_MS more, well inside the ttlMs - recheckAfterMs it has.
    recheck.last = now;
    const due: [string, Entry<V>][] = [];
    for (const [digest, entry] of entries) {
      const age = now - entry.cachedAt;
      if (age >= recheckAfterMs && age < ttlMs && entry.usedAt > entry.cachedAt) due.push([digest, entry]);
    }
    if (!due.length) return;
    recheck.running = true;
    recheck.settled = (async () => {
      for (let at = 0; at < due.length; at += RELOAD_AT_MOST) {
        const part = due.slice(at, at + RELOAD_AT_MOST);
        const fresh = await reload(
          db,
          part.map(([digest, entry]) => ({ digest, value: entry.value, usedAt: entry.usedAt })),
        );
        for (const [digest, entry] of part) {
          // An entry replaced or forgotten (revoked here) while the re-check ran is left alone.
          if (entries.get(digest) !== entry) continue;
          const value = fresh.get(digest);
          if (value === undefined) entries.delete(digest);
          else entries.set(digest, { value, cachedAt: now, usedAt: entry.usedAt });
        }
      }
    })()
      // A failed re-check renews nothing (what it had not reached yet): those entries run out at their TTL and the next use looks them up.
      .catch(() => {})
      .finally(() => {
        recheck.running = false;
      });
  }

  return {
    get(db, digest, now) {
      const entry = entries.get(digest);
      if (!entry) return undefined;
      if (now - entry.cachedAt >= ttlMs) {
        entries.delete(digest);
        return undefined;
      }
      entry.usedAt = now;
      recheckSoon(db, now);
      return entry.value;
    },
    set(digest, value, now) {
      if (entries.size >= maxEntries) entries.clear();
      entries.set(digest, { value, cachedAt: now, usedAt: now });
    },
    forget(match) {
      for (const [digest, entry] of entries) if (match(entry.value)) entries.delete(digest);
    },
    settled: () => state.recheck.settled,
  };
}
