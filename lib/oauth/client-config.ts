/**
 * An OAuth provider's client as this instance is configured: the catalog's endpoints,
 * overridden by OAUTH_<CODE>_AUTHORIZATION_URL / _TOKEN_URL / _USERINFO_URL / _REVOKE_URL
 * (self-hosted GitLab, Jira Data Center, a local test server), and the app credentials
 * OAUTH_<CODE>_CLIENT_ID / _CLIENT_SECRET.
 */
import { ApiError } from "@/lib/api/errors";
import { oauthEnv } from "@/lib/env";
import { oauthEnvVarNames, type OAuthProvider } from "@/lib/providers";
import { assertProviderReady, isProviderReady } from "@/lib/readiness/provider-readiness";

export type ClientConfig = {
  provider: OAuthProvider;
  clientId: string;
  clientSecret: string;
  authorizationUrl: string;
  tokenUrl: string;
  refreshUrl: string;
  userinfoUrl?: string;
  revokeUrl?: string;
  /** Expected `iss` of authorization responses (RFC 9207): the authorization server's origin. */
  issuer: string;
  /** True when an endpoint is plain http on a loopback host (local test servers only). */
  insecureLoopback: boolean;
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function endpoint(name: string, value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !(url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname)))) {
    throw new ApiError("PROVIDER_NOT_CONFIGURED", `${name} must be an https URL (plain http is allowed only for localhost).`);
  }
  return url;
}

/** Whether this instance has app credentials for the provider (lib/readiness owns the rule). */
export function isOAuthConfigured(provider: OAuthProvider): boolean {
  return isProviderReady(provider);
}

export function resolveClientConfig(provider: OAuthProvider): ClientConfig {
  const names = oauthEnvVarNames(provider.code);
  const vars = oauthEnv();
  assertProviderReady(provider);
  const clientId = vars[names.clientId] ?? "";
  const clientSecret = vars[names.clientSecret] ?? "";
  const o = provider.oauth;
  const authorization = endpoint(names.authorizationUrl, vars[names.authorizationUrl] ?? o.authorizationUrl);
  const token = endpoint(names.tokenUrl, vars[names.tokenUrl] ?? o.tokenUrl);
  // A token-URL override moves the refresh endpoint with it (one server under test).
  const refresh = vars[names.tokenUrl] ? token : endpoint(names.tokenUrl, o.refreshUrl ?? o.tokenUrl);
  const userinfoRaw = vars[names.userinfoUrl] ?? o.userinfoUrl;
  const revokeRaw = vars[names.revokeUrl] ?? o.revokeUrl;
  const userinfo = userinfoRaw ? endpoint(names.userinfoUrl, userinfoRaw) : undefined;
  const revoke = revokeRaw ? endpoint(names.revokeUrl, revokeRaw) : undefined;
  const all = [authorization, token, refresh, userinfo, revoke].filter((u): u is URL => Boolean(u));
  return {
    provider,
    clientId,
    clientSecret,
    authorizationUrl: authorization.href,
    tokenUrl: token.href,
    refreshUrl: refresh.href,
    userinfoUrl: userinfo?.href,
    revokeUrl: revoke?.href,
    issuer: authorization.origin,
    insecureLoopback: all.some((u) => u.protocol === "http:"),
  };
}
