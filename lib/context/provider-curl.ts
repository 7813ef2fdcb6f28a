/**
 * Ready-to-run curl commands against a provider's own API, generated from the catalog.
 * Catalog `{placeholders}` become shell variables: the credential is always `$TOKEN`
 * (accessToken from /tokens/fetch), other values get UPPER_SNAKE names with their source.
 */
import {
  isTokenPlaceholder,
  templatePlaceholders,
  tokenPlaceholders,
  type Endpoint,
  type Provider,
  type Service,
} from "@/lib/providers";
import { shellDoubleQuote, shellSingleQuote } from "./akhrot-curl";

export type ShellVariable = { name: string; source: string };
export type ProviderCurl = { command: string; variables: ShellVariable[] };

const placeholderPattern = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

function isCredentialToken(provider: Provider, name: string): boolean {
  return name === "accessToken" || (provider.authType !== "oauth2" && name === provider.accessTokenField);
}

export function shellVarName(provider: Provider, placeholder: string): string {
  if (isCredentialToken(provider, placeholder)) return "TOKEN";
  return placeholder.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

export function variableSource(provider: Provider, placeholder: string): string {
  if (isCredentialToken(provider, placeholder)) return "accessToken from POST /tokens/fetch";
  if (provider.authType !== "oauth2" && provider.credentialFields.some((f) => f.name === placeholder)) {
    return `fields.${placeholder} from POST /tokens/fetch`;
  }
  if (isTokenPlaceholder(placeholder)) return tokenPlaceholders[placeholder];
  return `your ${placeholder} (path or query parameter)`;
}

/** A template for a double-quoted shell string, and the shell variables it uses. */
export function shellTemplate(provider: Provider, template: string): { text: string; variables: ShellVariable[] } {
  const used = new Set<string>();
  const text = renderForShell(template, provider, used);
  return { text, variables: [...used].map((name) => ({ name: shellVarName(provider, name), source: variableSource(provider, name) })) };
}

/** Escapes a template for a double-quoted shell string, turning `{name}` into `$NAME`. */
function renderForShell(template: string, provider: Provider, used: Set<string>): string {
  let out = "";
  let last = 0;
  for (const match of template.matchAll(placeholderPattern)) {
    const name = match[1] ?? "";
    const start = match.index;
    out += shellDoubleQuote(template.slice(last, start));
    used.add(name);
    const variable = shellVarName(provider, name);
    last = start + match[0].length;
    // ${VAR} when the next character would otherwise extend the variable name.
    out += /^[A-Za-z0-9_]/.test(template.slice(last)) ? `\${${variable}}` : `$${variable}`;
  }
  return out + shellDoubleQuote(template.slice(last));
}

/** The endpoint worth showing: a parameterless GET, else a parameterless call with a body, else the first GET. */
export function exampleEndpoint(service: Service): Endpoint | undefined {
  const parameterless = (e: Endpoint) => templatePlaceholders(e.path).length === 0;
  return (
    service.endpoints.find((e) => e.method === "GET" && parameterless(e)) ??
    service.endpoints.find((e) => e.body !== undefined && parameterless(e)) ??
    service.endpoints.find((e) => e.method === "GET") ??
    service.endpoints[0]
  );
}

/** curl for one endpoint of a service; undefined for MTProto (no HTTP API). */
export function providerCurl(provider: Provider, service: Service, endpoint: Endpoint): ProviderCurl | undefined {
  if (provider.authType === "mtproto" || service.baseUrl === null || endpoint.method === "RPC") return undefined;
  const used = new Set<string>();
  const render = (template: string) => renderForShell(template, provider, used);
  const method = endpoint.method === "GET" ? "" : ` -X ${endpoint.method}`;
  const lines = [`curl -s${method} "${render(`${service.baseUrl}${endpoint.path}`)}"`];

  const { header, format } = provider.api.auth;
  const basic = /^Basic base64\((.+)\)$/.exec(format);
  if (basic?.[1] !== undefined) lines.push(`-u "${render(basic[1])}"`);
  else if (format.startsWith("Digest ")) lines.push(`--digest -u "${render(format.slice("Digest ".length))}"`);
  else lines.push(`-H "${shellDoubleQuote(header)}: ${render(format)}"`);
  for (const [name, value] of Object.entries(provider.api.extraHeaders ?? {})) {
    lines.push(`-H "${shellDoubleQuote(name)}: ${render(value)}"`);
  }
  if (endpoint.body !== undefined) {
    if (endpoint.bodyFormat !== "form") lines.push(`-H "Content-Type: application/json"`);
    lines.push(`-d ${shellSingleQuote(endpoint.body)}`);
  }

  const variables = [...used].map((name) => ({ name: shellVarName(provider, name), source: variableSource(provider, name) }));
  const unique = variables.filter((v, i) => variables.findIndex((w) => w.name === v.name) === i);
  return { command: lines.join(" \\\n  "), variables: unique };
}

/** The example for a service (or the provider's first service). */
export function serviceExample(provider: Provider, service: Service | undefined = provider.services[0]): ProviderCurl | undefined {
  if (service === undefined) return undefined;
  const endpoint = exampleEndpoint(service);
  return endpoint === undefined ? undefined : providerCurl(provider, service, endpoint);
}
