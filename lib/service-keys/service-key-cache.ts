/**
 * A short-lived per-process cache of authenticated service keys (by SHA-256 digest), the same
 * policy as agent keys (lib/api-keys/key-cache.ts): a key deleted in this process is dropped
 * at once; deleted elsewhere (another instance, the CLI), or its org suspended, it stops
 * working here within SERVICE_KEY_CACHE_TTL_MS. Expiry is checked on every use. Only
 * successful lookups are cached. Held on globalThis so every Next bundle shares it.
 */
import { frontLink } from "@/lib/server/front-link";
import type { ServicePrincipal } from "./authenticate-service-key";

export const SERVICE_KEY_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry = { principal: ServicePrincipal; cachedAt: number };
const holder = globalThis as typeof globalThis & { __akhrotServiceKeyCache?: Map<string, Entry> };
const byDigest: Map<string, Entry> = (holder.__akhrotServiceKeyCache ??= new Map());

export function cachedServiceKey(digest: string, now: number): ServicePrincipal | undefined {
  const e = byDigest.get(digest);
  if (!e) return undefined;
  if (now - e.cachedAt >= SERVICE_KEY_CACHE_TTL_MS) {
    byDigest.delete(digest);
    return undefined;
  }
  return e.principal;
}

export function cacheServiceKey(digest: string, principal: ServicePrincipal, now: number): void {
  if (byDigest.size >= MAX_ENTRIES) byDigest.clear();
  byDigest.set(digest, { principal, cachedAt: now });
}

/** Drop a key (by id) from this process's cache (and the front thread's, lib/server/front-link.ts): called on delete. */
export async function forgetServiceKey(keyId: string): Promise<void> {
  for (const [digest, e] of byDigest) if (e.principal.keyId === keyId) byDigest.delete(digest);
  await frontLink()?.forget("service-key", keyId);
}

/** Drop every key of an organization (called when it is suspended or deleted in this process). */
export async function forgetOrgServiceKeys(orgId: string): Promise<void> {
  for (const [digest, e] of byDigest) if (e.principal.orgId === orgId) byDigest.delete(digest);
  await frontLink()?.forget("org-service-keys", orgId);
}
