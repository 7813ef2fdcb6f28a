import { env, oauthEnv } from "@/lib/env";
import { OutboundRequestRefused, safeFetch } from "@/lib/net/safe-fetch";
import { renderTemplate, type ApiKeyProvider } from "@/lib/providers";

export type VerifyOutcome = { ok: true } | { ok: false; message: string };

/**
 * Hosts for providers whose base URL comes from what the user typed (the catalog cannot name
 * the host): Supabase projects live at <ref>.supabase.co; self-hosted ones are added by the
 * operator in AKHROT_VERIFY_ALLOWED_HOSTS.
 */
const USER_URL_HOSTS: Record<string, readonly string[]> = { supabase: ["*.supabase.co"] };

function render(template: string, fields: Record<string, string>): string {
  // `base64(...)` in a template means: base64-encode the rendered inside (HTTP Basic).
  const filled = renderTemplate(template, (name) => fields[name] ?? "");
  return filled.replace(/base64\(([^)]*)\)/g, (_m, inner: string) => Buffer.from(inner).toString("base64"));
}

function hostOf(template: string): string | undefined {
  try {
    return template.includes("{") ? undefined : new URL(template).hostname;
  } catch {
    return undefined;
  }
}

/** The hosts a check for this provider may call: the catalog's own, or the user-URL list. */
function allowedHosts(provider: ApiKeyProvider): string[] {
  const fixed = [provider.usage.baseUrl, ...Object.values(provider.usage.baseUrlVariants?.values ?? {})].map(hostOf);
  return [...fixed.filter((h): h is string => Boolean(h)), ...(USER_URL_HOSTS[provider.code] ?? []), ...env().AKHROT_VERIFY_ALLOWED_HOSTS];
}

/**
 * Optional live check (AKHROT_VERIFY_API_KEYS=true): one cheap authenticated call from the
 * catalog, through the outbound guard (lib/net/safe-fetch.ts): only the catalog's hosts, no
 * redirects, no private addresses. APIKEY_<CODE>_BASE_URL (operator configuration, so trusted)
 * sends it to a self-hosted or test server instead. Every failure that is not the provider
 * refusing the key gets one message, so the check cannot be used to map a network.
 */
export async function verifyApiKey(provider: ApiKeyProvider, fields: Record<string, string>): Promise<VerifyOutcome> {
  if (!provider.verify) return { ok: true };
  const override = oauthEnv()[`APIKEY_${provider.code.toUpperCase().replaceAll("-", "_")}_BASE_URL`];
  const variant = provider.usage.baseUrlVariants;
  const base = override ?? (variant && fields[variant.field] ? variant.values[fields[variant.field] ?? ""] : undefined) ?? render(provider.usage.baseUrl, fields);
  const headers: Record<string, string> = { [provider.usage.header]: render(provider.usage.format, fields), accept: "application/json" };
  for (const [k, v] of Object.entries(provider.usage.extraHeaders ?? {})) headers[k] = render(v, fields);
  if (provider.verify.body) headers["content-type"] = "application/json";
  const generic = { ok: false as const, message: `Could not check this key with ${provider.name}. Check the details you entered and try again later.` };
  try {
    const url = `${base.replace(/\/+$/, "")}${render(provider.verify.path, fields)}`;
    const guard = override
      ? { allowedHosts: [new URL(override).hostname.replace(/^\[(.*)\]$/, "$1")], allowPrivate: true }
      : { allowedHosts: allowedHosts(provider), allowPrivate: env().AKHROT_OUTBOUND_ALLOW_PRIVATE };
    const res = await safeFetch(url, { method: provider.verify.method, headers, body: provider.verify.body }, guard);
    if (res.ok) return { ok: true };
    if (res.status === 401 || res.status === 403) return { ok: false, message: `${provider.name} rejected this key (HTTP ${res.status}). Check that it is active and copied completely.` };
    return generic;
  } catch (err) {
    if (err instanceof OutboundRequestRefused) console.warn(`akhrot: ${provider.code} key check refused: ${err.message}`);
    return generic;
  }
}
