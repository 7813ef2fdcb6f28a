import * as oauth from "oauth4webapi";
import type { ClientConfig } from "./client-config";

export type AuthorizationRequest = { url: string; codeVerifier: string | null };

/** Scopes as the provider's authorize endpoint wants them. */
export function joinScopes(cfg: ClientConfig, scopes: readonly string[]): string {
  return scopes.join(cfg.provider.oauth.scopeSeparator);
}

/**
 * The URL the human's browser is sent to: code flow, exact redirect URI, state, and PKCE
 * S256 whenever the provider supports it (a verifier is generated per session).
 */
export async function buildAuthorizationUrl(
  cfg: ClientConfig,
  opts: { redirectUri: string; state: string; scopes: readonly string[]; ownerHasConnection?: boolean },
): Promise<AuthorizationRequest> {
  const url = new URL(cfg.authorizationUrl);
  const p = url.searchParams;
  p.set("client_id", cfg.clientId);
  p.set("redirect_uri", opts.redirectUri);
  p.set("response_type", "code");
  p.set("state", opts.state);
  if (opts.scopes.length) {
    // slack-authed-user: an agent acts as the user, so Slack gets user scopes (`user_scope`), not bot scopes.
    p.set(cfg.provider.oauth.quirks.includes("slack-authed-user") ? "user_scope" : "scope", joinScopes(cfg, opts.scopes));
  }
  for (const [k, v] of Object.entries(cfg.provider.oauth.extraAuthorizeParams)) p.set(k, v);
  // Google's include_granted_scopes folds every earlier grant of this client into the new token,
  // and its consent screen shows only the new scopes (S6). Only an owner who already holds a
  // connection of this provider keeps it (incremental consent for their own grant).
  // https://developers.google.com/identity/protocols/oauth2/web-server#incrementalAuth
  if (!opts.ownerHasConnection) p.delete("include_granted_scopes");
  let codeVerifier: string | null = null;
  if (cfg.provider.oauth.pkce !== "none") {
    codeVerifier = oauth.generateRandomCodeVerifier();
    p.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
    p.set("code_challenge_method", "S256");
  }
  return { url: url.href, codeVerifier };
}
