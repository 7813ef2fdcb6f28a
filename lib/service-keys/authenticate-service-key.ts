/**
 * `X-Api-Key` → the service principal, in AuthOS's order (AUTHOS-SERVICE-API.md §1.1):
 * missing header, malformed key (shape and checksum, before any lookup), unknown key,
 * expired key, inactive organization. Every refusal is 401 with AuthOS's message.
 */
import type { Db } from "@/db";
import { findServiceApiKeyByHash, stampServiceApiKeyUsed } from "@/db/queries/service-keys";
import type { ServiceRow } from "@/db/schema";
import { defer } from "@/lib/api/defer";
import { safeEqual, sha256Hex } from "@/lib/crypto";
import { OrgError } from "@/lib/orgs/org-error";
import { cachedServiceKey, cacheServiceKey, lastUseIsStale, toServicePrincipal } from "./service-key-cache";
import { isWellFormedServiceKey } from "./service-key-format";

export type ServicePrincipal = {
  keyId: string;
  serviceId: string;
  orgId: string;
  service: ServiceRow;
  permissions: readonly string[];
  expiresAt: Date | null;
  orgActive: boolean;
};

const unauthorized = (message: string) => new OrgError("UNAUTHORIZED", message);

function check(p: ServicePrincipal, now: Date): ServicePrincipal {
  if (p.expiresAt && p.expiresAt <= now) throw unauthorized("API key has expired");
  if (!p.orgActive) throw unauthorized("API key organization is not active");
  return p;
}

export async function authenticateServiceKey(db: Db, header: string | null, now = new Date()): Promise<ServicePrincipal> {
  if (!header) throw unauthorized("Missing or invalid X-Api-Key header");
  const key = header.trim();
  if (!isWellFormedServiceKey(key)) throw unauthorized("Invalid API key format");
  const digest = sha256Hex(key);
  const cached = cachedServiceKey(db, digest, now.getTime());
  if (cached) return check(cached, now);
  const found = await findServiceApiKeyByHash(db, digest);
  if (!found || !safeEqual(found.key.keyHash, digest)) throw unauthorized("Invalid API key");
  const principal = toServicePrincipal(found);
  cacheServiceKey(digest, principal, now.getTime());
  if (lastUseIsStale(found, now)) defer(() => stampServiceApiKeyUsed(db, found.key.id, now));
  return check(principal, now);
}

export function assertPermission(p: ServicePrincipal, permission: string): void {
  if (!p.permissions.includes(permission)) throw new OrgError("FORBIDDEN", `Missing required permission: ${permission}`);
}
