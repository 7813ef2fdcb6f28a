/**
 * Call a provider's API with the user's stored credential, server-side, and hand back only the
 * provider's answer: for agents without a shell (claude.ai cannot run curl with a token), and
 * for keys that may not reveal credentials at all. The credential goes in the provider's auth
 * header, is never part of the answer (echoes of it are replaced), and only goes to the
 * provider's own API hosts (provider-target.ts) through safeFetch (no private addresses, no
 * redirects off those hosts). The caller chooses only a small set of request headers.
 */
import type { Db } from "@/db";
import { ApiError } from "@/lib/api/errors";
import type { AuthedKey } from "@/lib/api-keys";
import { requireProvider } from "@/lib/connect/require-provider";
import { OutboundRequestRefused, safeFetchFollowing } from "@/lib/net/safe-fetch";
import { resolveClientConfig } from "@/lib/oauth";
import { renderTemplate } from "@/lib/providers";
import { fetchToken } from "@/lib/tokens/fetch-token";
import { providerTarget } from "./provider-target";

export const MAX_RESPONSE_BYTES = 100 * 1024;
const TIMEOUT_MS = 20_000;

/** Request headers a caller may set; everything else (Authorization, Cookie, Host, …) is Akhrot's or refused. */
export const ALLOWED_REQUEST_HEADERS = ["accept", "content-type", "if-match", "if-none-match", "prefer", "notion-version", "x-github-api-version", "linear-version"] as const;
/** Response headers worth returning (pagination, rate limits, caching); never Set-Cookie or auth challenges. */
const RETURNED_HEADERS = ["content-type", "content-length", "link", "location", "etag", "last-modified", "retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-request-id"];

export type ProviderCallInput = {
  provider: string;
  account?: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
};

export type ProviderCallResult = {
  provider: string;
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  truncated: boolean;
  bytes: number;
};

async function readCapped(res: Response): Promise<{ bytes: Uint8Array; truncated: boolean; size: number }> {
  if (!res.body) return { bytes: new Uint8Array(), truncated: false, size: 0 };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks), truncated: false, size };
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      chunks.push(value.subarray(0, value.byteLength - (size - MAX_RESPONSE_BYTES)));
      await reader.cancel().catch(() => {});
      return { bytes: Buffer.concat(chunks), truncated: true, size };
    }
    chunks.push(value);
  }
}

/** Replace every occurrence of a secret (and its base64 form, as in Basic auth) with a marker. */
function scrubber(secrets: string[]): (text: string) => string {
  const needles = secrets.filter((s) => s.length >= 6).flatMap((s) => [s, Buffer.from(s).toString("base64")]);
  return (text) => needles.reduce((t, n) => t.split(n).join("[redacted]"), text);
}

export async function callProviderApi(db: Db, key: AuthedKey, input: ProviderCallInput, auditDetail: Record<string, unknown>): Promise<ProviderCallResult> {
  const provider = requireProvider(input.provider);
  if (provider.authType === "mtproto") throw new ApiError("INVALID_REQUEST", "Telegram has no HTTP API to proxy; use POST /tokens/fetch from a shell.", { provider: provider.code });
  const credential = await fetchToken(db, key, { provider: provider.code, account: input.account }, { ...auditDetail, use: "call_provider_api" });
  const secretFields = provider.authType === "api_key" ? provider.credentialFields.filter((f) => f.secret).map((f) => f.name) : [];
  const fields = credential.type === "api_key" ? credential.fields : {};
  const values: Record<string, string> = {
    ...fields,
    accessToken: credential.accessToken,
    ...(provider.authType === "api_key" ? { [provider.accessTokenField]: credential.accessToken } : {}),
    accountId: credential.account.id,
    accountLabel: credential.account.label ?? "",
    ...(provider.authType === "oauth2" ? { clientId: resolveClientConfig(provider).clientId } : {}),
  };
  const render = (t: string) => renderTemplate(t, (name) => values[name] ?? "").replace(/base64\(([^)]*)\)/g, (_m, inner: string) => Buffer.from(inner).toString("base64"));
  const target = providerTarget(provider, input.path, input.query, values);

  const headers = new Headers({ accept: "application/json" });
  for (const [k, v] of Object.entries(input.headers ?? {})) {
    if (!(ALLOWED_REQUEST_HEADERS as readonly string[]).includes(k.toLowerCase())) {
      throw new ApiError("INVALID_REQUEST", `Header "${k.slice(0, 40)}" may not be set. Allowed: ${ALLOWED_REQUEST_HEADERS.join(", ")}.`, { provider: provider.code });
    }
    headers.set(k, v);
  }
  for (const [k, v] of Object.entries(provider.api.extraHeaders ?? {})) headers.set(k, render(v));
  const authValue = render(provider.api.auth.format);
  headers.set(provider.api.auth.header, authValue);
  let body: string | undefined;
  if (input.body !== undefined && input.method !== "GET") {
    body = typeof input.body === "string" ? input.body : JSON.stringify(input.body);
    if (!headers.has("content-type")) headers.set("content-type", typeof input.body === "string" ? "text/plain" : "application/json");
  }

  let res: Response;
  try {
    res = await safeFetchFollowing(target.url, { method: input.method, headers: Object.fromEntries(headers), body }, { ...target, timeoutMs: TIMEOUT_MS });
  } catch (err) {
    if (err instanceof OutboundRequestRefused) throw new ApiError("INVALID_REQUEST", `Refused: ${err.message}. Akhrot only calls ${provider.name}'s own API hosts.`, { provider: provider.code });
    throw new ApiError("PROVIDER_ERROR", `Could not reach ${provider.name} (${err instanceof Error && err.name === "TimeoutError" ? "timed out" : "network error"}). Retry later.`, { provider: provider.code });
  }

  const scrub = scrubber([credential.accessToken, authValue, ...secretFields.flatMap((f) => (fields[f] ? [fields[f]] : []))]);
  const { bytes, truncated, size } = await readCapped(res);
  const contentType = res.headers.get("content-type") ?? "";
  const textual = contentType === "" || /json|text|xml|javascript|x-www-form-urlencoded/i.test(contentType);
  let out: unknown = null;
  if (textual) {
    const text = scrub(Buffer.from(bytes).toString("utf8"));
    out = text;
    if (/json/i.test(contentType) && !truncated) {
      try {
        out = JSON.parse(text);
      } catch {
        out = text;
      }
    }
  }
  const returned: Record<string, string> = {};
  for (const name of RETURNED_HEADERS) {
    const v = res.headers.get(name);
    if (v !== null) returned[name] = scrub(v).slice(0, 1000);
  }
  const shownUrl = new URL(target.url);
  return { provider: provider.code, method: input.method, url: scrub(shownUrl.href), status: res.status, headers: returned, body: out, truncated, bytes: size };
}
