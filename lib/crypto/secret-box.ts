/**
 * AES-256-GCM for provider secrets at rest.
 *
 * Format: `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url). The key id (first 8 hex of the
 * key's SHA-256) lets several keys be readable at once, so AKHROT_ENCRYPTION_KEY can rotate
 * without downtime: old keys go to AKHROT_ENCRYPTION_KEYS_OLD until `akhrot encryption rotate`
 * has re-encrypted every row. The associated data binds a ciphertext to its row and column
 * (`conn_…:access_token`), so a ciphertext copied to another row or field fails to open.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

const VERSION = "v1";
const IV_BYTES = 12; // 96-bit nonce, the GCM standard size; random per message
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  override name = "DecryptionError";
}

/** A ciphertext sealed under a key id this instance does not have (dropped too early, or a misconfigured instance). */
export class MissingKeyError extends DecryptionError {
  override name = "MissingKeyError";
  constructor(readonly keyId: string) {
    super(`no encryption key with id ${keyId} is configured`);
  }
}

type Keyring = { currentId: string; keys: Map<string, Buffer> };
let cachedRing: { source: string; ring: Keyring } | undefined;

export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function keyring(): Keyring {
  const { AKHROT_ENCRYPTION_KEY: current, AKHROT_ENCRYPTION_KEYS_OLD: old } = env();
  const source = [current, ...old].join(",");
  if (cachedRing?.source === source) return cachedRing.ring;
  const keys = new Map<string, Buffer>();
  for (const b64 of [current, ...old]) {
    const key = Buffer.from(b64, "base64");
    keys.set(keyIdOf(key), key);
  }
  const ring = { currentId: keyIdOf(Buffer.from(current, "base64")), keys };
  cachedRing = { source, ring };
  return ring;
}

export function encryptSecret(plaintext: string, aad: string): string {
  const { currentId, keys } = keyring();
  const key = keys.get(currentId);
  if (!key) throw new DecryptionError("current encryption key missing from keyring");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, currentId, iv.toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptSecret(box: string, aad: string): string {
  const [version, keyId, ivB64, bodyB64, extra] = box.split(".");
  if (version !== VERSION || !keyId || !ivB64 || !bodyB64 || extra !== undefined) {
    throw new DecryptionError("malformed ciphertext");
  }
  const key = keyring().keys.get(keyId);
  if (!key) throw new MissingKeyError(keyId);
  const iv = Buffer.from(ivB64, "base64url");
  const body = Buffer.from(bodyB64, "base64url");
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new DecryptionError("malformed ciphertext");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("ciphertext failed authentication (wrong key, row or field, or tampered)");
  }
}

/** Key id a ciphertext was sealed with (rotation uses it to find rows still on an old key). */
export function ciphertextKeyId(box: string): string | undefined {
  return box.split(".")[1];
}

/** Every key id this instance can open (the current key and AKHROT_ENCRYPTION_KEYS_OLD). */
export function configuredKeyIds(): string[] {
  return [...keyring().keys.keys()];
}

export function currentKeyId(): string {
  return keyring().currentId;
}
