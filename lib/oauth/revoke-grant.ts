import * as oauth from "oauth4webapi";
import { asClient, PROVIDER_TIMEOUT_MS } from "./as-client";
import type { ClientConfig } from "./client-config";

export type RevokeOutcome = "revoked" | "unsupported" | "failed";

/**
 * Tell the provider to revoke a token (RFC 7009, or GitHub's grant API). Best effort: the
 * caller deletes the stored credentials whatever the outcome and reports it to the human.
 */
export async function revokeGrant(cfg: ClientConfig, token: string): Promise<RevokeOutcome> {
  try {
    if (cfg.provider.oauth.quirks.includes("github-revoke-grant")) {
      // github-revoke-grant: DELETE /applications/{client_id}/grant with Basic client auth.
      const res = await fetch(`https://api.github.com/applications/${encodeURIComponent(cfg.clientId)}/grant`, {
        method: "DELETE",
        headers: {
          authorization: `Basic ${Buffer.from(`${cfg.clientId}:${cfg.clientSecret}`).toString("base64")}`,
          accept: "application/vnd.github+json",
          "content-type": "application/json",
        },
        body: JSON.stringify({ access_token: token }),
        signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      });
      return res.status === 204 || res.status === 404 ? "revoked" : "failed";
    }
    if (!cfg.revokeUrl) return "unsupported";
    const { as, client, clientAuth, options } = asClient(cfg);
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, clientAuth, token, options));
    return "revoked";
  } catch {
    return "failed";
  }
}
