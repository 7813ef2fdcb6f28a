/**
 * GET /ai/context/{provider}/{service}: base URL, the scopes the service needs and whether
 * the default connection's grant has them, the most used endpoints and one example.
 */
import type { Endpoint, Provider, Service } from "@/lib/providers";
import { accountName, defaultConnection } from "./account-name";
import { akhrotCurl, nextCall } from "./akhrot-curl";
import { normalizeBaseUrl } from "./api-url";
import { accountJson, connectInstructions, type AccountJson } from "./build-provider-context";
import { credentialUsage } from "./credential-usage";
import { codeBlock, codeSpan, inlineText } from "./markdown-text";
import { serviceExample } from "./provider-curl";
import type { ContextConnection, ContextDocument, NextCall, ProviderAccess } from "./types";

export type ServiceContextJson = {
  provider: { code: string; name: string; authType: Provider["authType"] };
  service: { code: string; name: string; description: string; baseUrl: string | null };
  account: AccountJson | null;
  scopes: { needed: string[]; granted: boolean | null; missing: string[] };
  /** The call that grants what is missing (or connects); null when nothing is needed, or the instance is not set up for the provider. */
  connect: NextCall | null;
  fetchToken: NextCall;
  endpoints: Endpoint[];
  example: string | null;
};

/** A list, not a table: GraphQL and RPC-style APIs differ only by body, which must show. */
function endpointList(service: Service): string {
  return service.endpoints
    .map((e) => {
      const body = e.body === undefined ? "" : ` Body${e.bodyFormat === "form" ? " (form)" : ""}: ${codeSpan(e.body)}`;
      return `- ${codeSpan(`${e.method} ${e.path}`)} ${inlineText(e.description, 300)}.${body}`;
    })
    .join("\n");
}

export function buildServiceContext(
  provider: Provider,
  service: Service,
  connections: readonly ContextConnection[],
  baseUrl: string,
  access: ProviderAccess,
): ContextDocument<ServiceContextJson> {
  const base = normalizeBaseUrl(baseUrl);
  const setupNeeded = access.setupNeeded(provider.code);
  const mine = connections.filter((c) => c.provider === provider.code);
  const chosen = defaultConnection(mine);
  const needed = [...service.scopes];
  const grantedSet = new Set(chosen?.scopes ?? []);
  const missing = chosen === undefined ? needed : needed.filter((s) => !grantedSet.has(s));
  const needsReauth = chosen !== undefined && chosen.status === "needs_reauth";

  // Ask for the union: some providers replace, not extend, the grant on a new consent.
  const requested = [...new Set([...(chosen?.scopes ?? []), ...needed])];
  const defaultsCover = provider.authType !== "oauth2" || needed.every((s) => provider.oauth.defaultScopes.includes(s));
  let connectBody: Record<string, unknown> | null = null;
  if (chosen === undefined) connectBody = defaultsCover ? { provider: provider.code } : { provider: provider.code, scopes: requested };
  else if (missing.length > 0) connectBody = { provider: provider.code, scopes: requested };
  else if (needsReauth) connectBody = { provider: provider.code };

  const scopeLines: string[] = [];
  if (needed.length === 0) {
    scopeLines.push(
      provider.authType === "oauth2"
        ? `${provider.name} has no scopes for this service: access follows what the user shared.`
        : "No scopes: the credential's own permissions apply.",
    );
  } else {
    scopeLines.push(`Needs: ${needed.map(codeSpan).join(" ")}`);
  }
  if (chosen === undefined) {
    scopeLines.push(setupNeeded === null ? `Not connected. Connect ${provider.name} first:` : "Not connected.");
  } else {
    const who = inlineText(accountName(chosen));
    if (needed.length > 0) {
      scopeLines.push(missing.length === 0 ? `Granted to ${who}: yes, all of them.` : `Missing for ${who}: ${missing.map(codeSpan).join(" ")}`);
    }
    if (missing.length > 0 && setupNeeded === null) scopeLines.push("Get them with a new connect session that asks for the scopes:");
    else if (needsReauth) scopeLines.push(`${who} needs re-authorization (token expired or revoked). Connect again:`);
  }
  if (connectBody !== null) scopeLines.push(connectInstructions(base, connectBody, provider, setupNeeded));

  const usage = credentialUsage(provider);
  const example = serviceExample(provider, service);
  const fetchBody = { provider: provider.code };
  const sections = [
    `# ${inlineText(provider.name)} ${inlineText(service.name)} (${provider.code}/${service.code})`,
    service.description,
    service.baseUrl === null ? "No HTTP base URL: MTProto methods through GramJS or Telethon." : `Base URL: ${codeSpan(service.baseUrl)}`,
    "## Scopes",
    ...scopeLines,
    "## Credential",
    codeBlock(akhrotCurl(base, "POST", "/tokens/fetch", fetchBody), "bash"),
    [usage.fetchNote, ...usage.lines.map((l) => `- ${l}`)].join("\n"),
    "## Endpoints",
    endpointList(service),
    "## Example",
    example === undefined ? codeBlock(usage.snippet ?? "", "js") : codeBlock(example.command, "bash"),
  ];
  if (example !== undefined && example.variables.length > 0) {
    sections.push(`Variables: ${example.variables.map((v) => `\`$${v.name}\` = ${v.source}`).join("; ")}`);
  }

  return {
    markdown: `${sections.join("\n\n")}\n`,
    json: {
      provider: { code: provider.code, name: provider.name, authType: provider.authType },
      service: { code: service.code, name: service.name, description: service.description, baseUrl: service.baseUrl },
      account: chosen === undefined ? null : accountJson(chosen),
      scopes: { needed, granted: chosen === undefined ? null : missing.length === 0, missing },
      connect: connectBody === null || setupNeeded !== null ? null : nextCall(base, "POST", "/oauth/sessions", connectBody),
      fetchToken: nextCall(base, "POST", "/tokens/fetch", fetchBody),
      endpoints: [...service.endpoints],
      example: example?.command ?? usage.snippet ?? null,
    },
  };
}
