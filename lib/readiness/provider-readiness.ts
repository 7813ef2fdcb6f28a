/**
 * THE rule for "can this instance connect this provider right now?", used by the agent
 * context documents (/ai/context/*, /ai/skill), every error that would point an agent at
 * POST /oauth/sessions, the connect paths themselves, and the dashboard's provider cards.
 * One function, so the summary never offers what the connect call would refuse.
 *
 * Ready: API-key providers (nothing to configure), OAuth providers whose app credentials
 * OAUTH_<CODE>_CLIENT_ID/_SECRET are set, Telegram when TELEGRAM_API_ID/_HASH are set.
 */
import { ApiError } from "@/lib/api/errors";
import { env, oauthEnv } from "@/lib/env";
import type { ProviderAccess } from "@/lib/context/types";
import { getProvider, oauthEnvVarNames, providers, type Provider, type ProviderCode } from "@/lib/providers";

export type Readiness = { ready: true } | { ready: false; envVars: string[]; message: string };

export function providerReadiness(provider: Provider): Readiness {
  if (provider.authType === "api_key") return { ready: true };
  if (provider.authType === "mtproto") {
    const e = env();
    if (e.TELEGRAM_API_ID && e.TELEGRAM_API_HASH) return { ready: true };
    return {
      ready: false,
      envVars: ["TELEGRAM_API_ID", "TELEGRAM_API_HASH"],
      message: `${provider.name} is not configured on this Akhrot instance. The operator must set TELEGRAM_API_ID and TELEGRAM_API_HASH (from my.telegram.org) and restart.`,
    };
  }
  const names = oauthEnvVarNames(provider.code);
  const vars = oauthEnv();
  if (vars[names.clientId] && vars[names.clientSecret]) return { ready: true };
  return {
    ready: false,
    envVars: [names.clientId, names.clientSecret],
    message: `${provider.name} is not configured on this Akhrot instance. The operator must register an OAuth app at ${provider.name}, set ${names.clientId} and ${names.clientSecret}, and restart.`,
  };
}

export function isProviderReady(provider: Provider): boolean {
  return providerReadiness(provider).ready;
}

/** PROVIDER_NOT_CONFIGURED (503) unless the provider is ready on this instance. */
export function assertProviderReady(provider: Provider): void {
  const r = providerReadiness(provider);
  if (!r.ready) throw new ApiError("PROVIDER_NOT_CONFIGURED", r.message, { provider: provider.code });
}

/** The codes ready on this instance, in catalog order. */
export function readyProviderCodes(): Set<ProviderCode> {
  return new Set(providers.filter(isProviderReady).map((p) => p.code));
}

/**
 * The end of an agent-facing message that tells it how to (re)connect: the connect call when
 * it can work, the operator's job when it cannot. Callers have already checked the key's allow-list.
 */
export function connectHint(provider: Provider, body: Record<string, unknown> = { provider: provider.code }): string {
  const r = providerReadiness(provider);
  if (!r.ready) return `${r.message} Until then it cannot be connected: tell your user.`;
  return `Create a connect session: POST /oauth/sessions ${JSON.stringify(body)}`;
}

/**
 * The context builders' view (lib/context ProviderAccess): readiness on this instance, and the
 * key's allow-list when a key asks (null = every provider).
 */
export function providerAccess(allowList: readonly string[] | null = null): ProviderAccess {
  return {
    setupNeeded: (code) => {
      const provider = getProvider(code);
      if (provider === undefined) return "Unknown provider.";
      const r = providerReadiness(provider);
      return r.ready ? null : r.message;
    },
    allowed: (code) => allowList === null || allowList.includes(code),
  };
}
