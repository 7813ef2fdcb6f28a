/**
 * Where a proxied provider call may go: the provider's API base URL (or the operator's
 * override: APIKEY_<CODE>_BASE_URL for API-key providers, OAUTH_<CODE>_API_BASE_URL for OAuth
 * ones — self-hosted instances and local test servers) and the hosts of its catalog services.
 * Nothing else: an agent cannot aim Akhrot's stored credential at a host of its choosing.
 */
import { ApiError } from "@/lib/api/errors";
import { oauthEnv } from "@/lib/env";
import { renderTemplate, type ApiKeyProvider, type OAuthProvider } from "@/lib/providers";

export type ProviderTarget = { url: URL; allowedHosts: string[]; hostPorts: string[]; allowPrivate: boolean };

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function envCode(code: string): string {
  return code.toUpperCase().replaceAll("-", "_");
}

function hostOf(template: string, values: Record<string, string>): string | undefined {
  const rendered = renderTemplate(template, (name) => values[name] ?? "placeholder");
  return URL.canParse(rendered) ? new URL(rendered).host : undefined;
}

function override(provider: OAuthProvider | ApiKeyProvider): URL | undefined {
  const name = provider.authType === "oauth2" ? `OAUTH_${envCode(provider.code)}_API_BASE_URL` : `APIKEY_${envCode(provider.code)}_BASE_URL`;
  const value = oauthEnv()[name];
  return value && URL.canParse(value) ? new URL(value) : undefined;
}

/** The absolute URL for `path` (a path under the API base URL, or an absolute URL on one of the provider's hosts). */
export function providerTarget(provider: OAuthProvider | ApiKeyProvider, path: string, query: Record<string, string> | undefined, values: Record<string, string>): ProviderTarget {
  const custom = override(provider);
  const variant = provider.authType === "api_key" ? provider.usage.baseUrlVariants : undefined;
  const variantBase = variant ? variant.values[values[variant.field] ?? ""] : undefined;
  const base = custom?.href ?? variantBase ?? renderTemplate(provider.api.baseUrl, (name) => values[name] ?? "");

  const hosts = new Set<string>();
  if (custom) hosts.add(custom.host);
  else {
    for (const t of [provider.api.baseUrl, ...provider.services.flatMap((s) => (s.baseUrl ? [s.baseUrl] : [])), ...Object.values(variant?.values ?? {})]) {
      const host = hostOf(t, values);
      if (host) hosts.add(host);
    }
  }

  if (/^[a-z]+:/i.test(path) ? !/^https?:\/\//i.test(path) : !path.startsWith("/") || path.startsWith("//") || path.includes("\\")) {
    throw new ApiError("INVALID_REQUEST", `path must start with "/" (relative to ${base}) or be an https URL on ${provider.name}'s API hosts.`, { provider: provider.code });
  }
  const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(`${base.replace(/\/+$/, "")}${path}`);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.append(k, v);
  if (!hosts.has(url.host)) {
    throw new ApiError("INVALID_REQUEST", `${url.host} is not one of ${provider.name}'s API hosts (${[...hosts].join(", ")}).`, { provider: provider.code });
  }
  // Private addresses and plain http only for an operator's loopback override (local test servers).
  const allowPrivate = Boolean(custom && custom.protocol === "http:" && LOOPBACK.has(custom.hostname));
  // The guard compares host names (no port): the port was already checked against the catalog above.
  return { url, allowedHosts: [...hosts].map((h) => new URL(`http://${h}`).hostname.replace(/^\[(.*)\]$/, "$1")), hostPorts: [...hosts], allowPrivate };
}
