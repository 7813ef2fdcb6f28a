export { randomBase62, randomId, base62Encode } from "./random-id";
export { sha256Hex, safeEqual } from "./hash";
export { encryptSecret, decryptSecret, ciphertextKeyId, currentKeyId, keyIdOf, DecryptionError } from "./secret-box";
