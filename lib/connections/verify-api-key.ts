import { env, oauthEnv } from "@/lib/env";
import { digestAuthorization, parseDigestChallenges, pickChallenge } from "@/lib/http/digest-auth";
import { providerMessage } from "@/lib/oauth/provider-message";
import { log } from "@/lib/log";
import { OutboundRequestRefused, safeFetch } from "@/lib/net/safe-fetch";
import { readPath } from "@/lib/oauth/fetch-identity";
import { renderTemplate, type ApiKeyProvider, type KeyCheck } from "@/lib/providers";

export type VerifyOutcome = { ok: true } | { ok: false; message: string };

/**
 * Hosts for providers whose base URL comes from what the user typed (the catalog cannot name
 * the host): Supabase projects live at <ref>.supabase.co; self-hosted ones are added by the
 * operator in AKHROT_VERIFY_ALLOWED_HOSTS.
 */
const USER_URL_HOSTS: Record<string, readonly string[]> = { supabase: ["*.supabase.co"] };

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

function render(template: string, fields: Record<string, string>): string {
  // `base64(...)` in a template means: base64-encode the rendered inside (HTTP Basic).
  const filled = renderTemplate(template, (name) => fields[name] ?? "");
  return filled.replace(/base64\(([^)]*)\)/g, (_m, inner: string) => Buffer.from(inner).toString("base64"));
}

/** The catalog's check with its first matching variant applied (Cloudflare account tokens, Railway token kinds). */
function checkFor(verify: KeyCheck, fields: Record<string, string>) {
  const variant = verify.variants?.find((v) => (v.equals === undefined ? Boolean(fields[v.field]) : fields[v.field] === v.equals));
  return { method: verify.method, path: variant?.path ?? verify.path, body: variant?.body ?? verify.body, header: variant?.header, format: variant?.format };
}

/** Why a 2xx answer is still a refusal, or undefined when it is a success. */
async function refusalIn2xx(verify: KeyCheck, res: Response, secrets: string[]): Promise<string | undefined> {
  if (!verify.refusedWhenField && !verify.okField) return undefined;
  const body: unknown = await res.json().catch(() => undefined);
  if (verify.refusedWhenField && readPath(body, verify.refusedWhenField) !== undefined) return providerMessage(body, secrets) ?? "the answer reports an error";
  if (verify.okField && readPath(body, verify.okField) !== true) return providerMessage(body, secrets) ?? `"${verify.okField}" is not true`;
  return undefined;
}

/**
 * Optional live check (AKHROT_VERIFY_API_KEYS=true): one cheap authenticated call from the
 * catalog, through the outbound guard (lib/net/safe-fetch.ts): only the catalog's hosts, no
 * redirects, no private addresses (S5). APIKEY_<CODE>_BASE_URL (operator configuration, so
 * trusted) sends it to a self-hosted or test server instead. A refusal by the provider quotes its
 * own reason (sanitised, capped, secrets redacted) so the human can act on it; every network
 * failure gets one generic message, so the check cannot be used to map a network.
 */
export async function verifyApiKey(provider: ApiKeyProvider, fields: Record<string, string>): Promise<VerifyOutcome> {
  const verify = provider.verify;
  if (!verify) return { ok: true };
  // A digest check needs its key pair; without one (MongoDB: connection string only) there is nothing to check.
  if (verify.digest && !(fields[verify.digest.username] && fields[verify.digest.password])) return { ok: true };
  const override = oauthEnv()[`APIKEY_${provider.code.toUpperCase().replaceAll("-", "_")}_BASE_URL`];
  const variant = provider.usage.baseUrlVariants;
  const base = override ?? (variant && fields[variant.field] ? variant.values[fields[variant.field] ?? ""] : undefined) ?? render(provider.usage.baseUrl, fields);
  const check = checkFor(verify, fields);
  // A Headers object: a catalog `Accept` (PagerDuty, Atlas) replaces the default instead of joining it.
  const headers = new Headers({ accept: "application/json" });
  for (const [k, v] of Object.entries(provider.usage.extraHeaders ?? {})) headers.set(k, render(v, fields));
  if (!verify.digest) headers.set(check.header ?? provider.usage.header, render(check.format ?? provider.usage.format, fields));
  if (check.body) headers.set("content-type", "application/json");
  const url = `${base.replace(/\/+$/, "")}${render(check.path, fields)}`;
  const secrets = Object.values(fields);
  const generic = { ok: false as const, message: `Could not check this key with ${provider.name}. Check the details you entered and try again later.` };
  try {
    const guard = override
      ? { allowedHosts: [new URL(override).hostname.replace(/^\[(.*)\]$/, "$1")], allowPrivate: true }
      : { allowedHosts: allowedHosts(provider), allowPrivate: env().AKHROT_OUTBOUND_ALLOW_PRIVATE };
    const send = (authorization?: string) => {
      if (authorization) headers.set("authorization", authorization);
      return safeFetch(url, { method: check.method, headers: Object.fromEntries(headers), body: check.body }, guard);
    };
    let res = await send();
    if (verify.digest && res.status === 401) {
      const challenge = pickChallenge(parseDigestChallenges(res.headers.get("www-authenticate") ?? ""));
      await res.body?.cancel();
      if (challenge) {
        const { pathname, search } = new URL(url);
        const authorization = digestAuthorization(challenge, { username: fields[verify.digest.username] ?? "", password: fields[verify.digest.password] ?? "", method: check.method, uri: `${pathname}${search}` });
        res = await send(authorization);
      }
    }
    if (res.ok) {
      const refusal = await refusalIn2xx(verify, res, secrets);
      return refusal ? { ok: false, message: `${provider.name} rejected this key: "${refusal}". Check that it is active and copied completely.` } : { ok: true };
    }
    // A redirect is never followed (S5): the catalog's endpoints answer directly.
    if (res.status >= 300 && res.status < 400) return generic;
    const said = providerMessage(await res.json().catch(() => undefined), secrets);
    const quote = said ? `: "${said}"` : "";
    if (res.status === 401 || res.status === 403) return { ok: false, message: `${provider.name} rejected this key (HTTP ${res.status})${quote}. Check that it is active and copied completely.` };
    return { ok: false, message: `${provider.name} answered HTTP ${res.status} to a test call${quote}; try again later or ask the operator to turn off key verification.` };
  } catch (err) {
    if (err instanceof OutboundRequestRefused) log().warn({ where: "apikey.verify", provider: provider.code, reason: err.message }, "key check refused by the outbound guard");
    return generic;
  }
}
