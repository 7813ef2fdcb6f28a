import type { Db } from "@/db";
import { findApiKeyByHash } from "@/db/queries/api-keys";
import { attributeTo } from "@/lib/api/error-owner";
import { ApiError } from "@/lib/api/errors";
import { safeEqual, sha256Hex } from "@/lib/crypto";
import { cachedKey, cacheKey, toAuthedKey } from "./key-cache";
import { isWellFormedApiKey } from "./key-format";

export type AuthedKey = {
  id: string;
  userId: string;
  email: string;
  name: string;
  /** null = every provider */
  providers: string[] | null;
  /** The owner opted this key in to revealing credentials over MCP (get_credential). */
  mcpRevealCredentials: boolean;
};

const CHALLENGE = { "www-authenticate": 'Bearer realm="akhrot"' };

function unauthorized(message: string): ApiError {
  return new ApiError("UNAUTHORIZED", message, {}, CHALLENGE);
}

/**
 * `Authorization: Bearer akh_…`: one header, one space. The scheme is case-insensitive
 * (RFC 6750 §2.1 with RFC 9110 §11.1), so `bearer` works too. Anything else is refused before
 * the database is asked. Keys in query strings are ignored.
 */
export function extractBearerKey(header: string | null): string {
  if (!header) throw unauthorized("Missing API key. Send your Akhrot key as: Authorization: Bearer akh_…");
  const match = /^Bearer (\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized('Malformed Authorization header. Expected exactly "Bearer akh_…" (one header, one space).');
  if (!isWellFormedApiKey(match[1])) throw unauthorized("Malformed API key: it is not a complete akh_ key (check for a truncated or mistyped copy).");
  return match[1];
}

function expired(expiresAt: Date): ApiError {
  return unauthorized(`This API key expired at ${expiresAt.toISOString()}. Ask your human for a new key.`);
}

/**
 * The key from this process's cache with no promise (the token-fetch hot path), or undefined:
 * then authenticateApiKey decides (a lookup, or the refusal with its message).
 */
export function cachedApiKey(db: Db, header: string | null, now: number): AuthedKey | undefined {
  const key = header ? /^Bearer (\S+)$/i.exec(header)?.[1] : undefined;
  if (!key || !isWellFormedApiKey(key)) return undefined;
  const cached = cachedKey(db, sha256Hex(key), now);
  if (!cached || (cached.expiresAt && cached.expiresAt.getTime() <= now)) return undefined;
  return cached.key;
}

/**
 * `beforeLookup` runs whenever the answer is not already in the local cache (a malformed key
 * included), before the database is asked: the per-IP limit on unknown keys lives there.
 */
export async function authenticateApiKey(db: Db, header: string | null, now = new Date(), beforeLookup?: () => Promise<void>): Promise<AuthedKey> {
  let key: string;
  try {
    key = extractBearerKey(header);
  } catch (err) {
    await beforeLookup?.();
    throw err;
  }
  const digest = sha256Hex(key);
  const cached = cachedKey(db, digest, now.getTime());
  if (cached) {
    if (cached.expiresAt && cached.expiresAt <= now) throw attributeTo(expired(cached.expiresAt), { userId: cached.key.userId, apiKeyId: cached.key.id });
    return cached.key;
  }
  await beforeLookup?.();
  const found = await findApiKeyByHash(db, digest);
  // The lookup is by digest; the explicit constant-time compare keeps the check honest even if the lookup were ever widened.
  if (!found || !safeEqual(found.key.keyHash, digest)) throw unauthorized("Unknown API key. Mint a new key in the Akhrot dashboard.");
  const { key: row, email } = found;
  // A known key's refusal belongs to its owner's Activity (an unknown key's belongs to nobody).
  const owner = { userId: row.userId, apiKeyId: row.id };
  if (row.revokedAt) throw attributeTo(unauthorized("This API key was revoked. Ask your human for a new key."), owner);
  if (row.expiresAt && row.expiresAt <= now) throw attributeTo(expired(row.expiresAt), owner);
  const authed = toAuthedKey(row, email);
  cacheKey(digest, authed, row.expiresAt, now.getTime());
  return authed;
}

/** FORBIDDEN when the key's allow-list excludes the provider. */
export function assertKeyAllowsProvider(key: AuthedKey, provider: string): void {
  if (key.providers && !key.providers.includes(provider)) {
    throw new ApiError("FORBIDDEN", `This API key may only use: ${key.providers.join(", ")}. It cannot use ${provider}.`, { provider });
  }
}
