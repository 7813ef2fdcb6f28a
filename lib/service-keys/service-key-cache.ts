/**
 * A short-lived per-process cache of authenticated service keys (by SHA-256 digest), the same
 * policy as agent keys (lib/api-keys/key-cache.ts, both made of lib/cache/rechecked-cache.ts): a
 * key deleted in this process is dropped at once; deleted elsewhere (another instance, the CLI),
 * or its org suspended, it stops working here within SERVICE_KEY_CACHE_TTL_MS of the moment the
 * database last confirmed it. Busy keys do not fall out every SERVICE_KEY_CACHE_TTL_MS (a lookup
 * each on the hot provider-tokens route): past SERVICE_KEY_RECHECK_AFTER_MS, the ones used since
 * their last check are re-read together in one background query, which renews or drops them and
 * writes their last use (AuthOS's throttle, as a lookup does). Expiry is checked on every use.
 * Only successful lookups are cached.
 */
import type { Db } from "@/db";
import { findServiceApiKeysByIds, stampServiceApiKeysUsed, type FoundServiceKey } from "@/db/queries/service-keys";
import { createRecheckedCache } from "@/lib/cache/rechecked-cache";
import { logError } from "@/lib/log";
import { frontLink } from "@/lib/server/front-link";
import type { ServicePrincipal } from "./authenticate-service-key";

export const SERVICE_KEY_CACHE_TTL_MS = 5_000;
export const SERVICE_KEY_RECHECK_AFTER_MS = 2_500;

/** AuthOS writes last_used_at at most once per 5 minutes per key. */
const LAST_USED_THROTTLE_MS = 5 * 60_000;

export function toServicePrincipal(found: FoundServiceKey): ServicePrincipal {
  return {
    keyId: found.key.id,
    serviceId: found.service.id,
    orgId: found.service.orgId,
    service: found.service,
    permissions: found.key.permissions,
    expiresAt: found.key.expiresAt,
    orgActive: found.orgStatus === "active",
  };
}

/** Whether a use at `at` should write the key's last use (its stored stamp is older than the throttle). */
export function lastUseIsStale(found: FoundServiceKey, at: Date): boolean {
  const last = found.key.lastUsedAt;
  return !last || at.getTime() - last.getTime() > LAST_USED_THROTTLE_MS;
}

const cache = createRecheckedCache<ServicePrincipal>("service-keys", {
  ttlMs: SERVICE_KEY_CACHE_TTL_MS,
  recheckAfterMs: SERVICE_KEY_RECHECK_AFTER_MS,
  maxEntries: 10_000,
  async reload(db: Db, due) {
    const usedAt = new Map(due.map((d) => [d.value.keyId, new Date(d.usedAt)]));
    const rows = await findServiceApiKeysByIds(db, [...usedAt.keys()]);
    const stamps = rows.flatMap((r) => {
      const at = usedAt.get(r.key.id);
      return at && lastUseIsStale(r, at) ? [{ id: r.key.id, at }] : [];
    });
    await stampServiceApiKeysUsed(db, stamps).catch((err: unknown) => logError("deferred-write", err));
    return new Map(rows.map((r) => [r.key.keyHash, toServicePrincipal(r)]));
  },
});

/** The cached principal (a use: it may start the background re-check), or undefined. */
export const cachedServiceKey = cache.get;

export function cacheServiceKey(digest: string, principal: ServicePrincipal, now: number): void {
  cache.set(digest, principal, now);
}

/** Drop a key (by id) from this process's cache (and the front thread's, lib/server/front-link.ts): called on delete. */
export async function forgetServiceKey(keyId: string): Promise<void> {
  cache.forget((p) => p.keyId === keyId);
  await frontLink()?.forget("service-key", keyId);
}

/** Drop every key of an organization (called when it is suspended or deleted in this process). */
export async function forgetOrgServiceKeys(orgId: string): Promise<void> {
  cache.forget((p) => p.orgId === orgId);
  await frontLink()?.forget("org-service-keys", orgId);
}

/** Resolves when the latest background re-check has settled (tests). */
export const serviceKeyRecheckSettled = cache.settled;
