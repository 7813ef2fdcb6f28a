/**
 * Revocation as each provider documents it (the catalog's `oauth.revocation`): RFC 7009 is
 * only the common case. Dropbox revokes the Bearer token of the call itself, GitHub deletes
 * the grant with the access token in JSON, Linear names its fields `refresh_token` /
 * `access_token`, Twitch wants the access token and client_id, Notion a version header, Slack
 * answers failures as HTTP 200 `ok:false`, Reddit answers 204. The request is built from the
 * data, and only the documented success status (plus `okField`) counts as revoked, so a
 * silent failure is reported to the human as "failed" instead of "revoked".
 */
import { renderTemplate, type Revocation } from "@/lib/providers";
import { PROVIDER_TIMEOUT_MS } from "./as-client";
import type { ClientConfig } from "./client-config";
import { readPath } from "./fetch-identity";
import { USER_AGENT } from "./quirk-fetch";

export type RevokeOutcome = "revoked" | "unsupported" | "failed";
export type StoredTokens = { accessToken?: string; refreshToken?: string };

function basic(cfg: ClientConfig): string {
  // RFC 6749 §2.3.1: form-encode both parts before joining them.
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${enc(cfg.clientId)}:${enc(cfg.clientSecret)}`).toString("base64")}`;
}

/** The method, headers and body of the documented revocation request for these tokens. */
export function revocationRequest(cfg: ClientConfig, spec: Revocation, tokens: StoredTokens): { url: string; init: RequestInit } | undefined {
  const choice = spec.tokens.find((t) => (t.kind === "refresh" ? tokens.refreshToken : tokens.accessToken));
  const token = choice && (choice.kind === "refresh" ? tokens.refreshToken : tokens.accessToken);
  if (!choice || !token || !cfg.revokeUrl) return undefined;
  const headers = new Headers({ accept: "application/json", "user-agent": USER_AGENT });
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers.set(name, value);
  const fields: Record<string, string> = {};
  if (choice.as === "bearer") headers.set("authorization", `Bearer ${token}`);
  else if (choice.param) fields[choice.param] = token;
  if (spec.clientAuth === "basic") headers.set("authorization", basic(cfg));
  if (spec.clientAuth === "body" || spec.clientAuth === "client_id") fields.client_id = cfg.clientId;
  if (spec.clientAuth === "body") fields.client_secret = cfg.clientSecret;
  let body: string | undefined;
  if (Object.keys(fields).length > 0) {
    const json = choice.as === "json";
    body = json ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
    headers.set("content-type", json ? "application/json" : "application/x-www-form-urlencoded");
  }
  // The URL may name the client (GitHub: /applications/{clientId}/grant).
  const url = renderTemplate(decodeURI(cfg.revokeUrl), (name) => (name === "clientId" ? encodeURIComponent(cfg.clientId) : `{${name}}`));
  return { url, init: { method: spec.method, headers, body } };
}

/** Best effort: the caller deletes the stored credentials whatever the outcome and reports it. */
export async function revokeGrant(cfg: ClientConfig, tokens: StoredTokens): Promise<RevokeOutcome> {
  const spec = cfg.provider.oauth.revocation;
  if (!spec || !cfg.revokeUrl) return "unsupported";
  const request = revocationRequest(cfg, spec, tokens);
  if (!request) return "failed";
  try {
    const res = await fetch(request.url, { ...request.init, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    if (!spec.successStatus.includes(res.status)) return "failed";
    if (!spec.okField) return "revoked";
    const answer: unknown = await res.json().catch(() => undefined);
    return readPath(answer, spec.okField) === true ? "revoked" : "failed";
  } catch {
    return "failed";
  }
}
