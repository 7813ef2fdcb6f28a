import * as oauth from "oauth4webapi";
import type { ClientConfig } from "./client-config";
import { quirkFetch } from "./quirk-fetch";

/** Bound on every provider call: a hanging provider never holds a request (or a refresh lease) longer. */
export const PROVIDER_TIMEOUT_MS = 10_000;

/** oauth4webapi's view of a configured provider. */
export function asClient(cfg: ClientConfig, tokenEndpoint = cfg.tokenUrl) {
  const as: oauth.AuthorizationServer = {
    issuer: cfg.issuer,
    authorization_endpoint: cfg.authorizationUrl,
    token_endpoint: tokenEndpoint,
    revocation_endpoint: cfg.revokeUrl,
    userinfo_endpoint: cfg.userinfoUrl,
  };
  const client: oauth.Client = { client_id: cfg.clientId };
  const clientAuth = cfg.provider.oauth.clientAuth === "basic" ? oauth.ClientSecretBasic(cfg.clientSecret) : oauth.ClientSecretPost(cfg.clientSecret);
  const options = {
    [oauth.customFetch]: quirkFetch(cfg.provider),
    [oauth.allowInsecureRequests]: cfg.insecureLoopback,
    signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
  };
  return { as, client, clientAuth, options };
}
