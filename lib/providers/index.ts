/**
 * The provider catalog: typed, validated data that drives the dashboard grid, the
 * /ai/context markdown, /ai/skill and the OAuth engine. Pure (no I/O, no Next.js imports),
 * so it loads in vitest, route handlers and client components alike.
 */
import { apiKeyAi } from "./catalog/api-key-ai";
import { apiKeyBusiness } from "./catalog/api-key-business";
import { apiKeyData } from "./catalog/api-key-data";
import { apiKeyInfrastructure } from "./catalog/api-key-infrastructure";
import { apiKeyMessaging } from "./catalog/api-key-messaging";
import { mtprotoTelegram } from "./catalog/mtproto-telegram";
import { oauthCommunication } from "./catalog/oauth-communication";
import { oauthDeveloper } from "./catalog/oauth-developer";
import { oauthProductivity } from "./catalog/oauth-productivity";
import { oauthProjectTracking } from "./catalog/oauth-project-tracking";
import { oauthSocial } from "./catalog/oauth-social";
import { oauthWorkspace } from "./catalog/oauth-workspace";
import { isProviderCode, providerCodes, type ProviderCode } from "./provider-codes";
import type { ApiKeyProvider, MtprotoProvider, OAuthProvider, Provider, Service } from "./provider-schema";

export { isProviderCode, providerCodes, type ProviderCode } from "./provider-codes";
export { crossFieldProblems } from "./cross-field-problems";
export { oauthQuirks, type OAuthQuirk } from "./oauth-quirks";
export {
  authTypes,
  categories,
  httpMethods,
  providerSchema,
  type ApiKeyProvider,
  type ApiKeyUsage,
  type AuthType,
  type Category,
  type CredentialField,
  type Endpoint,
  type HttpMethod,
  type MtprotoProvider,
  type OAuthConfig,
  type OAuthProvider,
  type Provider,
  type ProviderApi,
  type KeyCheck,
  type Revocation,
  type Service,
} from "./provider-schema";
export {
  isTokenPlaceholder,
  renderTemplate,
  templatePlaceholders,
  tokenPlaceholders,
  type TokenPlaceholder,
} from "./template-placeholders";

/** Every code maps to exactly one entry: adding a code without data (or the reverse) fails to compile. */
const byCode: Record<ProviderCode, Provider> = {
  ...oauthWorkspace,
  ...oauthDeveloper,
  ...oauthProjectTracking,
  ...oauthProductivity,
  ...oauthCommunication,
  ...oauthSocial,
  ...mtprotoTelegram,
  ...apiKeyAi,
  ...apiKeyMessaging,
  ...apiKeyInfrastructure,
  ...apiKeyData,
  ...apiKeyBusiness,
};

/** All providers in the seed's order (the order of `providerCodes`). */
export const providers: readonly Provider[] = providerCodes.map((code) => byCode[code]);

export function getProvider(code: string): Provider | undefined {
  return isProviderCode(code) ? byCode[code] : undefined;
}

export function isOAuthProvider(p: Provider): p is OAuthProvider {
  return p.authType === "oauth2";
}

export function isApiKeyProvider(p: Provider): p is ApiKeyProvider {
  return p.authType === "api_key";
}

export function isMtprotoProvider(p: Provider): p is MtprotoProvider {
  return p.authType === "mtproto";
}

export function getService(provider: Provider | string, serviceCode: string): Service | undefined {
  const p = typeof provider === "string" ? getProvider(provider) : provider;
  return p?.services.find((s) => s.code === serviceCode);
}

export type OAuthEnvVarNames = {
  clientId: string;
  clientSecret: string;
  authorizationUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
  revokeUrl: string;
};

/** `OAUTH_<CODE>_*` names (CODE upper-cased, `-` -> `_`), e.g. OAUTH_X_TWITTER_CLIENT_ID. */
export function oauthEnvVarNames(code: ProviderCode): OAuthEnvVarNames {
  const prefix = `OAUTH_${code.toUpperCase().replaceAll("-", "_")}`;
  return {
    clientId: `${prefix}_CLIENT_ID`,
    clientSecret: `${prefix}_CLIENT_SECRET`,
    authorizationUrl: `${prefix}_AUTHORIZATION_URL`,
    tokenUrl: `${prefix}_TOKEN_URL`,
    userinfoUrl: `${prefix}_USERINFO_URL`,
    revokeUrl: `${prefix}_REVOKE_URL`,
  };
}
