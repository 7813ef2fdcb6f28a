/**
 * Validation of what an admin configures on a service: its type, redirect URIs (exact-match
 * targets for the hosted grant flow: https, or http only on a loopback host) and per-provider
 * scope allow-lists, which must name scopes the catalog knows for that provider.
 */
import { serviceTypes, type ServiceType } from "@/db/schema";
import { getProvider, isOAuthProvider } from "@/lib/providers";
import { badRequest } from "@/lib/orgs/org-error";

export type ProviderConfigInput = { provider: string; enabled?: boolean; scopes?: string[] };

export function parseServiceType(value: string): ServiceType {
  const found = serviceTypes.find((t) => t === value);
  if (!found) throw badRequest(`service_type: must be one of ${serviceTypes.join(", ")}`);
  return found;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function validateRedirectUri(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw badRequest(`redirect_uris: "${uri}" is not an absolute URL`);
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) throw badRequest(`redirect_uris: "${uri}" must use https (http is allowed only on localhost)`);
  if (url.hash) throw badRequest(`redirect_uris: "${uri}" must not contain a fragment`);
  if (url.username || url.password) throw badRequest(`redirect_uris: "${uri}" must not contain credentials`);
  return uri;
}

export function validateRedirectUris(uris: readonly string[]): string[] {
  if (uris.length > 20) throw badRequest("redirect_uris: at most 20");
  return [...new Set(uris.map(validateRedirectUri))];
}

/** The catalog's scopes for a provider (none for API-key and MTProto providers). */
export function catalogScopes(provider: string): readonly string[] {
  const p = getProvider(provider);
  return p && isOAuthProvider(p) ? p.oauth.scopes : [];
}

export function validateProviderConfig(input: ProviderConfigInput): { provider: string; enabled: boolean; scopes: string[] } {
  const p = getProvider(input.provider);
  if (!p) throw badRequest(`provider: "${input.provider}" is not a provider code of this instance`);
  const scopes = [...new Set(input.scopes ?? [])];
  const known = catalogScopes(p.code);
  const unknown = scopes.filter((s) => !known.includes(s));
  if (unknown.length) {
    throw badRequest(
      known.length
        ? `scopes: ${unknown.join(", ")} not known for ${p.code}; valid scopes are: ${known.join(", ")}`
        : `scopes: ${p.code} uses an API key and takes no scopes`,
    );
  }
  return { provider: p.code, enabled: input.enabled ?? true, scopes };
}

/** `CODE` or `CODE=scope,scope` (the CLI's --provider). */
export function parseProviderArg(arg: string): ProviderConfigInput {
  const eq = arg.indexOf("=");
  if (eq < 0) return { provider: arg.trim() };
  const scopes = arg
    .slice(eq + 1)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return { provider: arg.slice(0, eq).trim(), scopes };
}
