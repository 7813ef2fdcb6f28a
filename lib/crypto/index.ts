export { randomBase62, randomId, base62Encode } from "./random-id";
export { sha256Hex, safeEqual } from "./hash";
export { encryptSecret, decryptSecret, ciphertextKeyId, configuredKeyIds, currentKeyId, keyIdOf, DecryptionError, MissingKeyError } from "./secret-box";
