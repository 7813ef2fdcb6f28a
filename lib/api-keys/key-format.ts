/**
 * Agent key format: `akh_` + 43 base62 characters (256 random bits) + 6 base62 characters
 * of CRC-32 over the random part. The checksum lets a typo or a truncated paste be refused
 * before any database lookup (and lets secret scanners recognise real keys); it adds no
 * secrecy. Keys are stored only as SHA-256 (a fast hash is right for 256-bit random secrets:
 * there is nothing to brute-force, and it keeps the hot path cheap).
 */
import { crc32 } from "node:zlib";
import { base62Encode, randomBase62 } from "@/lib/crypto";

export const KEY_PREFIX = "akh_";
const BODY_LENGTH = 43; // 62^43 ≈ 2^256
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
export const KEY_LENGTH = KEY_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;
const KEY_PATTERN = /^akh_[0-9A-Za-z]{49}$/;

function checksum(body: string): string {
  return base62Encode(crc32(body), CHECKSUM_LENGTH);
}

export function generateApiKey(): string {
  const body = randomBase62(BODY_LENGTH);
  return `${KEY_PREFIX}${body}${checksum(body)}`;
}

/** Shape and checksum only: no I/O. */
export function isWellFormedApiKey(key: string): boolean {
  if (key.length !== KEY_LENGTH || !KEY_PATTERN.test(key)) return false;
  const body = key.slice(KEY_PREFIX.length, KEY_PREFIX.length + BODY_LENGTH);
  return checksum(body) === key.slice(KEY_PREFIX.length + BODY_LENGTH);
}

export function maskApiKey(lastFour: string): string {
  return `${KEY_PREFIX}…${lastFour}`;
}
