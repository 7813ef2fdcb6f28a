/**
 * Service key format: `aks_` + 43 base62 characters (256 random bits) + 6 base62 characters
 * of CRC-32 over the random part, the same construction as agent keys
 * (lib/api-keys/key-format.ts) under a prefix that no agent-key check accepts: a service key
 * pasted as an agent key (or the reverse) is refused as malformed before any lookup.
 * Stored as SHA-256 only; the first 12 characters are kept as the displayed `prefix` (they
 * leave 35 random characters, about 208 bits, unknown).
 */
import { crc32 } from "node:zlib";
import { base62Encode, randomBase62 } from "@/lib/crypto";

export const SERVICE_KEY_PREFIX = "aks_";
const BODY_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
export const SERVICE_KEY_LENGTH = SERVICE_KEY_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;
const PATTERN = /^aks_[0-9A-Za-z]{49}$/;
export const DISPLAY_PREFIX_LENGTH = 12;

function checksum(body: string): string {
  return base62Encode(crc32(body), CHECKSUM_LENGTH);
}

export function generateServiceKey(): string {
  const body = randomBase62(BODY_LENGTH);
  return `${SERVICE_KEY_PREFIX}${body}${checksum(body)}`;
}

/** Shape and checksum only: no I/O. */
export function isWellFormedServiceKey(key: string): boolean {
  if (key.length !== SERVICE_KEY_LENGTH || !PATTERN.test(key)) return false;
  const body = key.slice(SERVICE_KEY_PREFIX.length, SERVICE_KEY_PREFIX.length + BODY_LENGTH);
  return checksum(body) === key.slice(SERVICE_KEY_PREFIX.length + BODY_LENGTH);
}

export function displayPrefix(key: string): string {
  return key.slice(0, DISPLAY_PREFIX_LENGTH);
}
