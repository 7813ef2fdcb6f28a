import * as oauth from "oauth4webapi";
import { asClient } from "./as-client";
import type { ClientConfig } from "./client-config";
import { classifyProviderError, ProviderCallError } from "./provider-call-error";
import { toTokenSet, type TokenSet } from "./token-set";

/** One refresh grant. A missing refresh_token in the answer means "keep the old one" (caller's job). */
export async function refreshAccessToken(cfg: ClientConfig, refreshToken: string): Promise<TokenSet> {
  const { as, client, clientAuth, options } = asClient(cfg, cfg.refreshUrl);
  try {
    const res = await oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, options);
    const json = await oauth.processRefreshTokenResponse(as, client, res);
    return toTokenSet(json as unknown as Record<string, unknown>, cfg.provider.oauth.scopeSeparator);
  } catch (err) {
    throw new ProviderCallError(classifyProviderError(err));
  }
}
