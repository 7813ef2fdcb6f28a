export { createApiKey, type CreateApiKeyInput } from "./create-api-key";
export { revokeApiKey } from "./revoke-api-key";
export { setMcpReveal } from "./set-mcp-reveal";
export { authenticateApiKey, assertKeyAllowsProvider, cachedApiKey, extractBearerKey, type AuthedKey } from "./authenticate-api-key";
export { generateApiKey, isWellFormedApiKey, maskApiKey, KEY_PREFIX } from "./key-format";
export { touchLastUsed } from "./touch-last-used";
export { parseDuration } from "./parse-duration";
