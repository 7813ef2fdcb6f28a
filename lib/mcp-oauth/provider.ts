/**
 * Akhrot as the OAuth 2.1 authorization server of its own MCP endpoint (issue 14 phase 2), so
 * OAuth-only clients (claude.ai and ChatGPT connectors) can use /mcp. The protocol is
 * oidc-provider's, configured the way MCP's authorization spec asks (and as Nango runs it):
 *   - the issuer is this instance's origin; endpoints live under /oauth2/* and the RFC 8414
 *     metadata at /.well-known/oauth-authorization-server (app/.well-known/…);
 *   - authorization code + PKCE S256 for every client, public or not; no implicit, no device flow;
 *   - dynamic client registration (RFC 7591, open, as MCP clients expect) and Client ID
 *     Metadata Documents (an https client_id URL, fetched by oidc-provider through safeFetch:
 *     public addresses only, no redirects);
 *   - resource indicators (RFC 8707): the only resource is `<origin>/mcp`, and every access
 *     token is opaque, audience-bound to it and lives an hour; refresh tokens rotate;
 *   - consent is always asked (no remembered grants): each consent makes one grant, which the
 *     dashboard lists and revokes like an agent key (lib/mcp-oauth/grants.ts);
 *   - storage in the database (adapter.ts), keys from keys.ts.
 * One provider per issuer and process, built on first use (cached on globalThis: Next bundles
 * routes and pages separately).
 */
import Provider, { errors, type KoaLikeContext } from "oidc-provider";
import { McpOauthAdapter } from "./adapter";
import { cookieKeys, signingJwk } from "./keys";
import { isAllowedRedirectUri } from "./redirect-uris";
import { safeFetch } from "@/lib/net/safe-fetch";

export const MCP_SCOPE = "mcp";
export const OAUTH_PREFIX = "/oauth2";
export const CONSENT_PATH = `${OAUTH_PREFIX}/consent`;
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
const DAY = 24 * 60 * 60;

export function mcpResource(issuer: string): string {
  return `${issuer}/mcp`;
}

const ROUTES = {
  authorization: `${OAUTH_PREFIX}/authorize`,
  token: `${OAUTH_PREFIX}/token`,
  registration: `${OAUTH_PREFIX}/register`,
  revocation: `${OAUTH_PREFIX}/revoke`,
  jwks: `${OAUTH_PREFIX}/jwks`,
  end_session: `${OAUTH_PREFIX}/session/end`,
  userinfo: `${OAUTH_PREFIX}/userinfo`,
  introspection: `${OAUTH_PREFIX}/introspect`,
  pushed_authorization_request: `${OAUTH_PREFIX}/par`,
  backchannel_authentication: `${OAUTH_PREFIX}/backchannel`,
  code_verification: `${OAUTH_PREFIX}/device`,
  device_authorization: `${OAUTH_PREFIX}/device/auth`,
  challenge: `${OAUTH_PREFIX}/challenge`,
  credential: `${OAUTH_PREFIX}/credential`,
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function buildProvider(issuer: string): Promise<Provider> {
  const resource = mcpResource(issuer);
  const provider = new Provider(issuer, {
    adapter: McpOauthAdapter,
    jwks: { keys: [await signingJwk()] },
    cookies: { keys: cookieKeys() },
    routes: ROUTES,
    // "mcp" must be listed for registration (clients register with scope "mcp offline_access"); consent grants it for the resource.
    scopes: [MCP_SCOPE, "openid", "offline_access"],
    claims: { openid: ["sub"] },
    responseTypes: ["code"],
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${CONSENT_PATH}/${interaction.uid}` },
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      // Native unless a client says otherwise: allows loopback http and private-use schemes (isAllowedRedirectUri narrows the rest).
      application_type: "native",
      id_token_signed_response_alg: "ES256",
    },
    clientAuthMethods: ["none", "client_secret_post", "client_secret_basic"],
    enabledJWA: { idTokenSigningAlgValues: ["ES256"] },
    // Every authorization shows the consent page: only the grant the consent just created counts, never one remembered in the session.
    loadExistingGrant: async (ctx: { oidc: { result?: { consent?: { grantId?: string } }; provider: Provider } }) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: true,
    expiresWithSession: async () => false,
    allowOmittingSingleRegisteredRedirectUri: false,
    clockTolerance: 0,
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 10 * 60,
      Session: 60 * 60,
      Grant: 90 * DAY,
      RefreshToken: 30 * DAY,
    },
    // Browser-based MCP clients (the Inspector's UI) may call the token endpoint from their redirect origin only.
    clientBasedCORS: (_ctx: unknown, origin: string, client: { redirectUris: string[] }) =>
      client.redirectUris.some((uri) => URL.canParse(uri) && new URL(uri).origin === origin),
    extraClientMetadata: {
      properties: ["redirect_uris"],
      validator: (_ctx: unknown, key: string, value: unknown) => {
        if (key === "redirect_uris" && Array.isArray(value) && !value.every((v) => typeof v === "string" && isAllowedRedirectUri(v))) {
          throw new errors.InvalidClientMetadata("redirect_uris must be https URLs, http loopback URLs, or private-use scheme URIs");
        }
      },
    },
    renderError: async (ctx: KoaLikeContext, out: { error?: string; error_description?: string }) => {
      ctx.type = "html";
      ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Authorization failed · Akhrot</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#18181b"><h1 style="font-size:1.25rem">This authorization request cannot continue</h1><p>${escapeHtml(out.error_description ?? out.error ?? "Unknown error")}</p><p>Go back to the application that sent you here and try again. <a href="/dashboard">Akhrot dashboard</a></p></body></html>`;
    },
    // Outbound fetches (client ID metadata documents, a client's jwks_uri) go to URLs a client
    // chose: https only, public addresses only (checked at connect), no redirects, capped (lib/net).
    fetch: (url: string | URL, options: { method?: string; headers?: Headers }) =>
      safeFetch(url, { method: options.method ?? "GET", headers: Object.fromEntries(options.headers ?? []) }, { allowedHosts: [new URL(url).hostname], timeoutMs: 2500 }),
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true, initialAccessToken: false },
      clientIdMetadataDocument: { enabled: true, ack: "draft-02" },
      revocation: { enabled: true },
      userinfo: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`the only resource this server issues tokens for is ${resource}`);
          return { scope: MCP_SCOPE, audience: resource, accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS, accessTokenFormat: "opaque" };
        },
      },
    },
  });
  // Behind Vercel or our own server the Node bridge sets X-Forwarded-Proto/Host from the issuer.
  provider.proxy = true;
  return provider;
}

type Holder = { providers?: Map<string, Promise<Provider>> };
const holder = globalThis as typeof globalThis & { __akhrotMcpOauth?: Holder };
const state: Holder = (holder.__akhrotMcpOauth ??= {});

/** The authorization server for this issuer (this instance's origin, from baseUrl()). */
export function mcpOauthProvider(issuer: string): Promise<Provider> {
  const providers = (state.providers ??= new Map());
  let found = providers.get(issuer);
  if (!found) {
    found = buildProvider(issuer);
    found.catch(() => providers.delete(issuer));
    providers.set(issuer, found);
  }
  return found;
}
