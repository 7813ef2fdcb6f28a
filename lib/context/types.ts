import type { ProviderCode } from "@/lib/providers";

/** One stored connection, as the context builders see it (no secrets, no DB types). */
export type ContextConnection = {
  id: string;
  provider: ProviderCode;
  accountId: string;
  accountLabel: string | null;
  scopes: string[];
  status: "active" | "needs_reauth";
  isDefault: boolean;
  expiresAt: Date | null;
};

/** A call an agent can make next, with an absolute URL. */
export type NextCall = { method: "GET" | "POST"; url: string; body?: Record<string, unknown> };

/** What builders return: markdown for agents, the same facts as JSON for `Accept: application/json`. */
export type ContextDocument<Json> = { markdown: string; json: Json };

/**
 * What this instance and the asking key can do with each provider. lib/readiness decides
 * (providerAccess); the builders stay pure and only ever offer a connect call for a provider
 * that is both ready and allowed.
 */
export type ProviderAccess = {
  /** null when this instance can connect the provider now; otherwise what the operator must do. */
  setupNeeded: (code: ProviderCode) => string | null;
  /** The key's allow-list admits the provider (documents without a key allow every one). */
  allowed: (code: ProviderCode) => boolean;
};

export function canConnect(access: ProviderAccess, code: ProviderCode): boolean {
  return access.allowed(code) && access.setupNeeded(code) === null;
}
