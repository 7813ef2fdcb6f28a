/**
 * The agent-facing error table of DESIGN.md (code, HTTP status, meaning), for the skill
 * document. lib/api/errors.ts owns behaviour; agent-errors.test.ts keeps the two in step.
 * Kept here rather than imported so this module stays free of server code.
 */
export const agentErrors = [
  { code: "UNAUTHORIZED", http: 401, meaning: "missing, malformed, unknown, revoked or expired API key (`WWW-Authenticate: Bearer` header)" },
  { code: "FORBIDDEN", http: 403, meaning: "the key is restricted and this provider/action is outside its allow-list" },
  { code: "INVALID_REQUEST", http: 400, meaning: "malformed JSON, wrong types, missing fields (message names the field)" },
  { code: "UNKNOWN_PROVIDER", http: 400, meaning: "provider code not in the catalog (message points to GET /ai/context/summary)" },
  { code: "PROVIDER_NOT_CONFIGURED", http: 503, meaning: "this instance has no OAuth app credentials for the provider (message names the env vars)" },
  { code: "INTEGRATION_NOT_FOUND", http: 404, meaning: "the user has not connected this provider (or the named account)" },
  { code: "INSUFFICIENT_SCOPE", http: 403, meaning: "requested scopes are not granted; body lists `missingScopes`" },
  { code: "TOKEN_EXPIRED", http: 400, meaning: "token expired and cannot be refreshed (no refresh token, or the provider revoked it); the connection is marked for re-authorization" },
  { code: "SESSION_EXPIRED", http: 400, meaning: "connect session older than its 10-minute life, or already used" },
  { code: "PROVIDER_ERROR", http: 502, meaning: "the provider failed transiently (timeout, 5xx); stored credentials are untouched; retry later" },
  { code: "RATE_LIMITED", http: 429, meaning: "too many requests for this key; `Retry-After` header" },
] as const;

export type AgentErrorCode = (typeof agentErrors)[number]["code"];
