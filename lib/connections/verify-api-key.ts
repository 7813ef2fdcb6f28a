import { oauthEnv } from "@/lib/env";
import { renderTemplate, type ApiKeyProvider } from "@/lib/providers";

export type VerifyOutcome = { ok: true } | { ok: false; message: string };

function render(template: string, fields: Record<string, string>): string {
  // `base64(...)` in a template means: base64-encode the rendered inside (HTTP Basic).
  const filled = renderTemplate(template, (name) => fields[name] ?? "");
  return filled.replace(/base64\(([^)]*)\)/g, (_m, inner: string) => Buffer.from(inner).toString("base64"));
}

/**
 * Optional live check (AKHROT_VERIFY_API_KEYS=true): one cheap authenticated call from the
 * catalog. APIKEY_<CODE>_BASE_URL redirects it (self-hosted or test servers).
 */
export async function verifyApiKey(provider: ApiKeyProvider, fields: Record<string, string>): Promise<VerifyOutcome> {
  if (!provider.verify) return { ok: true };
  const override = oauthEnv()[`APIKEY_${provider.code.toUpperCase().replaceAll("-", "_")}_BASE_URL`];
  const variant = provider.usage.baseUrlVariants;
  const base = override ?? (variant && fields[variant.field] ? variant.values[fields[variant.field] ?? ""] : undefined) ?? render(provider.usage.baseUrl, fields);
  const headers: Record<string, string> = { [provider.usage.header]: render(provider.usage.format, fields), accept: "application/json" };
  for (const [k, v] of Object.entries(provider.usage.extraHeaders ?? {})) headers[k] = render(v, fields);
  if (provider.verify.body) headers["content-type"] = "application/json";
  try {
    const res = await fetch(`${base.replace(/\/+$/, "")}${render(provider.verify.path, fields)}`, {
      method: provider.verify.method,
      headers,
      body: provider.verify.body,
      signal: AbortSignal.timeout(10_000),
    });
    if (res.ok) return { ok: true };
    if (res.status === 401 || res.status === 403) return { ok: false, message: `${provider.name} rejected this key (HTTP ${res.status}). Check that it is active and copied completely.` };
    return { ok: false, message: `${provider.name} answered HTTP ${res.status} to a test call; try again later or ask the operator to turn off key verification.` };
  } catch {
    return { ok: false, message: `Could not reach ${provider.name} to check the key; try again later.` };
  }
}
