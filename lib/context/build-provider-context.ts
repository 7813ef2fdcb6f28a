/**
 * GET /ai/context/{provider}: connection status, accounts, granted scopes, how to send the
 * credential, the API base URL, the services and a ready curl example.
 */
import type { Provider } from "@/lib/providers";
import { accountName, defaultConnection } from "./account-name";
import { akhrotCurl, nextCall } from "./akhrot-curl";
import { apiUrl, normalizeBaseUrl } from "./api-url";
import { credentialUsage, type CredentialUsage } from "./credential-usage";
import { codeBlock, codeSpan, inlineText } from "./markdown-text";
import { serviceExample } from "./provider-curl";
import type { ContextConnection, ContextDocument, NextCall, ProviderAccess } from "./types";

export type ConnectionStatus = "connected" | "needs_reauth" | "not_connected";

export type AccountJson = {
  connectionId: string;
  accountId: string;
  label: string | null;
  status: ContextConnection["status"];
  isDefault: boolean;
  scopes: string[];
  expiresAt: string | null;
};

export type ProviderContextJson = {
  provider: Pick<Provider, "code" | "name" | "category" | "authType" | "description" | "docsUrl">;
  status: ConnectionStatus;
  accounts: AccountJson[];
  grantedScopes: string[];
  credential: CredentialUsage;
  services: { code: string; name: string; description: string; context: NextCall }[];
  fetchToken: NextCall;
  /** null when this instance is not set up for the provider (see `setupNeeded`). */
  connect: NextCall | null;
  /** null when the provider can be connected here; otherwise what the operator must do first. */
  setupNeeded: string | null;
  example: string | null;
};

export function connectionStatus(connections: readonly ContextConnection[]): ConnectionStatus {
  if (connections.some((c) => c.status === "active")) return "connected";
  return connections.length > 0 ? "needs_reauth" : "not_connected";
}

export function accountJson(c: ContextConnection): AccountJson {
  return {
    connectionId: c.id,
    accountId: c.accountId,
    label: c.accountLabel,
    status: c.status,
    isDefault: c.isDefault,
    scopes: [...c.scopes],
    expiresAt: c.expiresAt?.toISOString() ?? null,
  };
}

const authLabel = { oauth2: "OAuth 2 (Bearer token)", api_key: "API key", mtproto: "MTProto session" } as const;

/**
 * The connect instructions every context document repeats when something is missing, or,
 * when the instance is not set up for the provider, the operator's job instead of a call
 * that would answer PROVIDER_NOT_CONFIGURED.
 */
export function connectInstructions(baseUrl: string, body: Record<string, unknown>, provider: Provider, setupNeeded: string | null): string {
  if (setupNeeded !== null) return `${setupNeeded} Until then a connect session answers PROVIDER_NOT_CONFIGURED: tell your user instead.`;
  const how =
    provider.authType === "oauth2"
      ? "The user signs in at the provider; you cannot do it for them."
      : "The page is a form where the user enters the credential: never ask for it in the chat.";
  return [
    codeBlock(akhrotCurl(baseUrl, "POST", "/oauth/sessions", body), "bash"),
    `Send your user the returned \`url\` (single use, 10 minutes; they must open it signed in to the Akhrot dashboard as the owner of your key). ${how} Then poll \`GET ${apiUrl(baseUrl, "/oauth/sessions/{sessionId}")}\` until \`status\` is \`completed\`.`,
  ].join("\n\n");
}

function connectionSection(provider: Provider, mine: readonly ContextConnection[], base: string, setupNeeded: string | null): string[] {
  const status = connectionStatus(mine);
  const connectBody = { provider: provider.code };
  if (status === "not_connected") {
    const lead = setupNeeded === null ? `Not connected. To connect ${provider.name}, create a connect session:` : "Not connected.";
    return [lead, connectInstructions(base, connectBody, provider, setupNeeded)];
  }
  const chosen = defaultConnection(mine);
  const lines = mine.map((c) => {
    const flags = [c.isDefault ? "default" : null, c.status === "active" ? "active" : "needs re-authorization"];
    const expiry = c.expiresAt === null || c.status !== "active" ? "" : `, token expires ${c.expiresAt.toISOString()}`;
    return `- ${inlineText(accountName(c))} (${flags.filter((f) => f !== null).join(", ")}${expiry})`;
  });
  const out = [`Connected accounts (${mine.length}):\n${lines.join("\n")}`];
  if (mine.length > 1) out.push('Pick an account with `"account"` in `/tokens/fetch`; without it you get the default.');
  if (chosen !== undefined && provider.authType === "oauth2") {
    const granted = chosen.scopes.length > 0 ? chosen.scopes.map(codeSpan).join(" ") : "none recorded";
    out.push(`Granted scopes (${inlineText(accountName(chosen))}): ${granted}`);
  }
  if (mine.some((c) => c.status === "needs_reauth")) {
    out.push("An account needs re-authorization (its token expired or was revoked). Ask your user to connect again:", connectInstructions(base, connectBody, provider, setupNeeded));
  }
  return out;
}

function credentialSection(usage: CredentialUsage): string[] {
  const out = [...(usage.baseUrlLine === null ? [] : [usage.baseUrlLine]), ...usage.lines].map((l) => `- ${l}`);
  if (usage.variables.length > 0) {
    out.push(`- Variables: ${usage.variables.map((v) => `\`$${v.name}\` = ${v.source}`).join("; ")}`);
  }
  return [out.join("\n")];
}

export function buildProviderContext(
  provider: Provider,
  connections: readonly ContextConnection[],
  baseUrl: string,
  access: ProviderAccess,
): ContextDocument<ProviderContextJson> {
  const base = normalizeBaseUrl(baseUrl);
  const setupNeeded = access.setupNeeded(provider.code);
  const mine = connections.filter((c) => c.provider === provider.code);
  const usage = credentialUsage(provider);
  const example = serviceExample(provider);
  const fetchBody = { provider: provider.code };

  const sections = [
    `# ${inlineText(provider.name)} (${provider.code})`,
    `${provider.description}\n\nType: ${authLabel[provider.authType]} · Category: ${provider.category} · Docs: ${provider.docsUrl}`,
    "## Connection",
    ...connectionSection(provider, mine, base, setupNeeded),
    "## Get the credential",
    codeBlock(akhrotCurl(base, "POST", "/tokens/fetch", fetchBody), "bash"),
    usage.fetchNote,
    "## Send it to the provider",
    ...credentialSection(usage),
    "## Services",
    provider.services
      .map((s) => `- \`${s.code}\` ${s.name}: ${s.description} Details: \`GET ${apiUrl(base, `/ai/context/${provider.code}/${s.code}`)}\``)
      .join("\n"),
    "## Example",
    example === undefined ? codeBlock(usage.snippet ?? "", "js") : codeBlock(example.command, "bash"),
  ];

  return {
    markdown: `${sections.filter((s) => s.length > 0).join("\n\n")}\n`,
    json: {
      provider: {
        code: provider.code,
        name: provider.name,
        category: provider.category,
        authType: provider.authType,
        description: provider.description,
        docsUrl: provider.docsUrl,
      },
      status: connectionStatus(mine),
      accounts: mine.map(accountJson),
      grantedScopes: [...(defaultConnection(mine)?.scopes ?? [])],
      credential: usage,
      services: provider.services.map((s) => ({
        code: s.code,
        name: s.name,
        description: s.description,
        context: nextCall(base, "GET", `/ai/context/${provider.code}/${s.code}`),
      })),
      fetchToken: nextCall(base, "POST", "/tokens/fetch", fetchBody),
      connect: setupNeeded === null ? nextCall(base, "POST", "/oauth/sessions", { provider: provider.code }) : null,
      setupNeeded,
      example: example?.command ?? usage.snippet ?? null,
    },
  };
}
