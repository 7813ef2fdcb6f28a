/**
 * Who the connected account is: read from the provider's identity endpoint as the catalog's
 * `identity` says (dotted paths into the answer), with the named quirks for providers whose
 * identity is not a plain GET. Failure is not fatal: the connection is saved without a label.
 */
import type { ClientConfig } from "./client-config";
import { PROVIDER_TIMEOUT_MS } from "./as-client";
import { USER_AGENT } from "./quirk-fetch";
import type { TokenSet } from "./token-set";
import { logError } from "@/lib/log";

/** `email` only with `emailVerified` when the provider says so (OIDC `email_verified`); the hosted grant flow compares it. */
export type Identity = { accountId: string; label: string | null; metadata: Record<string, unknown>; email: string | null; emailVerified: boolean };

export function readPath(value: unknown, path: string): unknown {
  let cur = value;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = Array.isArray(cur) ? cur[Number(part)] : (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function scalar(v: unknown): string | null {
  return typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null;
}

async function call(cfg: ClientConfig, url: string, token: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<unknown> {
  const res = await fetch(url, {
    method: init.method ?? "GET",
    body: init.body,
    headers: { authorization: `Bearer ${token}`, accept: "application/json", "user-agent": USER_AGENT, ...init.headers },
    signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`identity endpoint answered HTTP ${res.status}`);
  return res.json();
}

async function identityDocument(cfg: ClientConfig, tokens: TokenSet): Promise<unknown> {
  const quirks = cfg.provider.oauth.quirks;
  // notion-owner-identity: no userinfo endpoint; the owner is in the token answer.
  if (quirks.includes("notion-owner-identity")) return tokens.extras;
  if (quirks.includes("linear-graphql-identity") && cfg.userinfoUrl) {
    return call(cfg, cfg.userinfoUrl, tokens.accessToken, {
      method: "POST",
      body: JSON.stringify({ query: "{ viewer { id email name } }" }),
      headers: { "content-type": "application/json" },
    });
  }
  if (!cfg.userinfoUrl) return tokens.extras;
  if (quirks.includes("dropbox-post-userinfo")) return call(cfg, cfg.userinfoUrl, tokens.accessToken, { method: "POST" });
  if (quirks.includes("twitch-client-id-header")) return call(cfg, cfg.userinfoUrl, tokens.accessToken, { headers: { "client-id": cfg.clientId } });
  return call(cfg, cfg.userinfoUrl, tokens.accessToken);
}

/**
 * jira-cloud-id: the Jira site the grant covers, needed in every API URL. Asked of the identity
 * endpoint's host (https://api.atlassian.com in the catalog), so an endpoint override moves it too.
 */
async function jiraCloudId(cfg: ClientConfig, token: string): Promise<Record<string, unknown>> {
  const origin = cfg.userinfoUrl ? new URL(cfg.userinfoUrl).origin : "https://api.atlassian.com";
  const sites = await call(cfg, `${origin}/oauth/token/accessible-resources`, token);
  const first = Array.isArray(sites) ? (sites[0] as Record<string, unknown> | undefined) : undefined;
  return first ? { cloudId: first.id, siteUrl: first.url, siteName: first.name } : {};
}

export async function fetchIdentity(cfg: ClientConfig, tokens: TokenSet): Promise<Identity | undefined> {
  const { identity, quirks } = cfg.provider.oauth;
  try {
    const doc = await identityDocument(cfg, tokens);
    const accountId = scalar(readPath(doc, identity.idField));
    if (!accountId) return undefined;
    const label = scalar(readPath(doc, identity.labelField)) ?? (identity.labelFallbackField ? scalar(readPath(doc, identity.labelFallbackField)) : null);
    const metadata = quirks.includes("jira-cloud-id") ? await jiraCloudId(cfg, tokens.accessToken).catch(() => ({})) : {};
    const email = scalar(readPath(doc, "email"));
    return { accountId, label, metadata, email, emailVerified: email !== null && readPath(doc, "email_verified") === true };
  } catch (err) {
    logError("oauth.identity", err, { provider: cfg.provider.code }, "warn");
    return undefined;
  }
}
