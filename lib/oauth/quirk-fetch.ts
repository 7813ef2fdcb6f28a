/**
 * The provider quirks that touch the token endpoint, as one fetch wrapper handed to
 * oauth4webapi (its `customFetch` hook). Requests are adjusted before they leave; answers
 * are normalised into RFC 6749 shape before oauth4webapi validates them. Each branch names
 * its quirk flag; lib/providers/oauth-quirks.ts cites the provider doc for each.
 */
import type { OAuthProvider } from "@/lib/providers";
import { providerMessage } from "./provider-message";

export const USER_AGENT = "akhrot/0.1 (+https://github.com/akhrot; self-hosted credential vault)";

type FetchInit = { method?: string; headers?: HeadersInit; body?: BodyInit | null; redirect?: RequestRedirect; signal?: AbortSignal | null };

function jsonBody(body: BodyInit | null | undefined): string | undefined {
  if (body instanceof URLSearchParams) return JSON.stringify(Object.fromEntries(body));
  return undefined;
}

async function normaliseTokenAnswer(provider: OAuthProvider, res: Response): Promise<Response> {
  const type = res.headers.get("content-type") ?? "";
  let body: Record<string, unknown>;
  const text = await res.text();
  // An empty answer stays empty: a 204 cannot carry a body (`new Response(body, {status: 204})` throws).
  if (!text.trim()) return new Response(null, { status: res.status, headers: res.headers });
  try {
    body = type.includes("json") || text.trim().startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(text));
  } catch {
    return new Response(text, { status: res.status, headers: res.headers });
  }
  const quirks = provider.oauth.quirks;
  let status = res.status;
  if (quirks.includes("slack-authed-user")) {
    // Slack answers errors as HTTP 200 {"ok":false,"error":"invalid_code"}; the user's token is under authed_user.
    if (body.ok === false) {
      status = 400;
      // Slack's names for a dead grant map to RFC 6749's invalid_grant.
      const error = String(body.error ?? "invalid_request");
      const dead = ["invalid_refresh_token", "token_revoked", "token_expired", "invalid_code"].includes(error);
      body = { error: dead ? "invalid_grant" : error, ...(dead ? { error_description: error } : {}) };
    } else if (body.authed_user && typeof body.authed_user === "object") {
      const user = body.authed_user as Record<string, unknown>;
      const team = body.team as Record<string, unknown> | undefined;
      body = { ...user, team_id: team?.id, team_name: team?.name, slack_user_id: user.id };
    }
  }
  // Twitch always, and Linear for apps created before 2023-12-01, send `scope` as a JSON array;
  // oauth4webapi accepts only a string. Any provider's array is joined: it is never ambiguous.
  // https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/#authorization-code-grant-flow
  // https://linear.app/developers/oauth-2-0-authentication
  if (Array.isArray(body.scope)) body.scope = body.scope.map(String).join(" ");
  // github-json-accept: GitHub answers token errors with HTTP 200 and an `error` body; a dead
  // or reused refresh token is `bad_refresh_token`, a used code `bad_verification_code`.
  // https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens
  if (status < 300 && typeof body.error === "string" && body.access_token === undefined) {
    status = 400;
    if (quirks.includes("github-json-accept") && ["bad_refresh_token", "bad_verification_code"].includes(body.error)) body = { ...body, error: "invalid_grant" };
  }
  // deadGrantErrors (catalog data, cited at each provider): the provider's own code for a dead grant.
  if (status >= 400 && typeof body.error === "string" && isDeadGrant(provider, body.error, body.error_description)) body = { ...body, error: "invalid_grant" };
  // An error body without an RFC 6749 `error` string (Figma `{"error":true,"message":…}`,
  // Twitch `{"status":400,"message":…}`) keeps its words as the description.
  if (status >= 400 && typeof body.error !== "string") {
    body = { error: status === 401 ? "invalid_client" : "invalid_request", error_description: providerMessage(body) };
  }
  if (status < 300) {
    // Identity comes from userinfo; an unverified id_token is never used, so it is not kept or parsed.
    delete body.id_token;
    const tokenType = typeof body.token_type === "string" ? body.token_type.toLowerCase() : "";
    if (tokenType !== "bearer" && tokenType !== "dpop") body.token_type = "bearer";
  }
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  headers.delete("content-encoding");
  return new Response(JSON.stringify(body), { status, headers });
}

function isDeadGrant(provider: OAuthProvider, error: string, description: unknown): boolean {
  return (provider.oauth.deadGrantErrors ?? []).some(
    (d) => d.error === error && (d.description === undefined || (typeof description === "string" && new RegExp(d.description).test(description))),
  );
}

/** A fetch for oauth4webapi that applies the provider's token-endpoint quirks. */
export function quirkFetch(provider: OAuthProvider) {
  return async (url: string, init: FetchInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    let body = init.body;
    if (provider.oauth.tokenRequestFormat === "json") {
      const json = jsonBody(init.body);
      if (json !== undefined) {
        body = json;
        headers.set("content-type", "application/json");
      }
    }
    headers.set("accept", "application/json"); // github-json-accept: GitHub answers form-encoded without it
    headers.set("user-agent", USER_AGENT); // reddit-user-agent: Reddit throttles generic agents
    const res = await fetch(url, { ...init, headers, body });
    return normaliseTokenAnswer(provider, res);
  };
}
