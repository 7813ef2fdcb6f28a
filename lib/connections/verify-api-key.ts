import { oauthEnv } from "@/lib/env";
import { digestAuthorization, parseDigestChallenges, pickChallenge } from "@/lib/http/digest-auth";
import { providerMessage } from "@/lib/oauth/provider-message";
import { readPath } from "@/lib/oauth/fetch-identity";
import { renderTemplate, type ApiKeyProvider, type KeyCheck } from "@/lib/providers";

export type VerifyOutcome = { ok: true } | { ok: false; message: string };

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
 * catalog. APIKEY_<CODE>_BASE_URL redirects it (self-hosted or test servers). A refusal quotes
 * the provider's own reason (sanitised, capped, secrets redacted) so the human can act on it.
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
  try {
    const send = (authorization?: string) => {
      if (authorization) headers.set("authorization", authorization);
      return fetch(url, { method: check.method, headers, body: check.body, signal: AbortSignal.timeout(10_000) });
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
    const said = providerMessage(await res.json().catch(() => undefined), secrets);
    const quote = said ? `: "${said}"` : "";
    if (res.status === 401 || res.status === 403) return { ok: false, message: `${provider.name} rejected this key (HTTP ${res.status})${quote}. Check that it is active and copied completely.` };
    return { ok: false, message: `${provider.name} answered HTTP ${res.status} to a test call${quote}; try again later or ask the operator to turn off key verification.` };
  } catch {
    return { ok: false, message: `Could not reach ${provider.name} to check the key; try again later.` };
  }
}
