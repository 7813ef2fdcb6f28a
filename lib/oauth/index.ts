export { resolveClientConfig, isOAuthConfigured, type ClientConfig } from "./client-config";
export { buildAuthorizationUrl, joinScopes } from "./authorization-url";
export { validateCallback, exchangeCode } from "./exchange-code";
export { refreshAccessToken } from "./refresh-access-token";
export { fetchIdentity, type Identity } from "./fetch-identity";
export { revokeGrant, type RevokeOutcome } from "./revoke-grant";
export { ProviderCallError, classifyProviderError, describeFailure, type ProviderFailure } from "./provider-call-error";
export { PROVIDER_TIMEOUT_MS } from "./as-client";
export type { TokenSet } from "./token-set";
