/**
 * The client side of an OAuth MCP connector, in memory: what claude.ai keeps per connector
 * (its registration, tokens, PKCE verifier), as the official SDK's OAuthClientProvider. The SDK
 * does the protocol; this only stores, and remembers the URL the human must open.
 * No app imports: Playwright's Node side uses it too.
 */
import type { OAuthClientProvider, OAuthDiscoveryState, StoredOAuthClientInformation, StoredOAuthTokens } from "@modelcontextprotocol/client";

export class MemoryOAuthProvider implements OAuthClientProvider {
  client?: StoredOAuthClientInformation;
  saved?: StoredOAuthTokens;
  verifier = "";
  discovery?: OAuthDiscoveryState;
  /** The authorization URL the SDK asked the human to open. */
  authorizationUrl?: URL;

  constructor(
    readonly name: string,
    readonly redirect: string,
  ) {}

  get redirectUrl(): string {
    return this.redirect;
  }
  get clientMetadata() {
    return { client_name: this.name, redirect_uris: [this.redirect], grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "none" };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(info: StoredOAuthClientInformation) {
    this.client = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: StoredOAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
  // Kept with the verifier, so the SDK can check the code comes back from the same issuer (SEP-2352).
  saveDiscoveryState(state: OAuthDiscoveryState) {
    this.discovery = state;
  }
  discoveryState() {
    return this.discovery;
  }
}
