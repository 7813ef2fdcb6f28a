import * as oauth from "oauth4webapi";
import { asClient } from "./as-client";
import type { ClientConfig } from "./client-config";
import { classifyProviderError, ProviderCallError } from "./provider-call-error";
import { toTokenSet, type TokenSet } from "./token-set";

/**
 * Validate the callback parameters (state, `iss` when sent, error responses, duplicated
 * parameters) and exchange the code. Throws oauth.AuthorizationResponseError for a provider
 * error in the callback, ProviderCallError for a failed exchange.
 */
export function validateCallback(cfg: ClientConfig, params: URLSearchParams, expectedState: string): URLSearchParams {
  const { as, client } = asClient(cfg);
  return oauth.validateAuthResponse(as, client, params, expectedState);
}

export async function exchangeCode(
  cfg: ClientConfig,
  validated: URLSearchParams,
  redirectUri: string,
  codeVerifier: string | null,
): Promise<TokenSet> {
  const { as, client, clientAuth, options } = asClient(cfg);
  try {
    const res = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, validated, redirectUri, codeVerifier ?? oauth.nopkce, options);
    const json = await oauth.processAuthorizationCodeResponse(as, client, res, { requireIdToken: false });
    return toTokenSet(json as unknown as Record<string, unknown>, cfg.provider.oauth.scopeSeparator);
  } catch (err) {
    throw new ProviderCallError(classifyProviderError(err));
  }
}
