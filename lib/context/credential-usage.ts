/**
 * How an agent sends a provider's credential, in the words and shell variables the context
 * documents use (`$TOKEN` is always the accessToken from /tokens/fetch).
 */
import type { AuthType, Provider } from "@/lib/providers";
import { shellTemplate, type ShellVariable } from "./provider-curl";

export type CredentialUsage = {
  authType: AuthType;
  /** API base URL (a template for e.g. Jira or Supabase); null for MTProto. */
  baseUrl: string | null;
  header: string | null;
  format: string | null;
  extraHeaders: Record<string, string>;
  /** Markdown line naming the API base URL; null for MTProto. */
  baseUrlLine: string | null;
  /** How to authenticate, one markdown line each. */
  lines: string[];
  variables: ShellVariable[];
  fetchNote: string;
  /** Client code for MTProto, where there is no curl. */
  snippet: string | null;
};

const telegramSnippet = [
  'import { TelegramClient } from "telegram";',
  'import { StringSession } from "telegram/sessions/index.js";',
  "",
  '// accessToken, apiId and apiHash come from POST /tokens/fetch {"provider":"telegram"}',
  "const client = new TelegramClient(new StringSession(accessToken), Number(apiId), apiHash, { connectionRetries: 3 });",
  "await client.connect();",
  "const dialogs = await client.getDialogs({ limit: 10 });",
  "console.log(dialogs.map((d) => d.title));",
].join("\n");

function uniqueVariables(vars: ShellVariable[]): ShellVariable[] {
  return vars.filter((v, i) => vars.findIndex((w) => w.name === v.name) === i);
}

export function credentialUsage(provider: Provider): CredentialUsage {
  if (provider.authType === "mtproto") {
    return {
      authType: "mtproto",
      baseUrl: null,
      header: null,
      format: null,
      extraHeaders: {},
      baseUrlLine: null,
      lines: [
        "No HTTP API: open an MTProto client with the session string.",
        ...provider.mtproto.clients.map((c) => `Client: \`${c}\``),
      ],
      variables: [],
      fetchNote: `The response has \`"type":"mtproto"\`, \`accessToken\` (the session string), ${provider.mtproto.fetchFields.map((f) => `\`${f}\``).join(" and ")}.`,
      snippet: telegramSnippet,
    };
  }

  const { header, format } = provider.api.auth;
  const extraHeaders = { ...(provider.api.extraHeaders ?? {}) };
  const base = shellTemplate(provider, provider.api.baseUrl);
  const perService = provider.services.some((s) => s.baseUrl !== provider.api.baseUrl);
  const baseUrlLine = `Base URL: \`${base.text}\`${perService ? " (some services use their own, listed per service)" : ""}`;
  const lines: string[] = [];
  const variables = [...base.variables];

  const basic = /^Basic base64\((.+)\)$/.exec(format);
  if (basic?.[1] !== undefined) {
    const user = shellTemplate(provider, basic[1]);
    variables.push(...user.variables);
    lines.push(`Auth: HTTP Basic, curl \`-u "${user.text}"\` (header \`${header}: ${format}\`)`);
  } else if (format.startsWith("Digest ")) {
    const user = shellTemplate(provider, format.slice("Digest ".length));
    variables.push(...user.variables);
    lines.push(`Auth: HTTP Digest, curl \`--digest -u "${user.text}"\``);
  } else {
    const value = shellTemplate(provider, format);
    variables.push(...value.variables);
    lines.push(`Header: \`${header}: ${value.text}\``);
  }
  for (const [name, template] of Object.entries(extraHeaders)) {
    const value = shellTemplate(provider, template);
    variables.push(...value.variables);
    lines.push(`Also send: \`${name}: ${value.text}\``);
  }

  let fetchNote = "Use `accessToken` from the response as `$TOKEN`. Akhrot refreshes it before it expires: fetch again instead of keeping it past `expiresAt`.";
  if (provider.authType === "api_key") {
    const tokenField = provider.credentialFields.find((f) => f.name === provider.accessTokenField);
    const others = provider.credentialFields.filter((f) => f.name !== provider.accessTokenField).map((f) => `\`${f.name}\``);
    const rest = others.length > 0 ? `; the other fields (${others.join(", ")}) are under \`fields\`` : "";
    fetchNote = `Use \`accessToken\` (the ${tokenField?.label ?? "key"}) as \`$TOKEN\`${rest}. \`usage\` repeats how to send it.`;
    const variants = provider.usage.baseUrlVariants;
    if (variants !== undefined) {
      lines.push(`Base URL by \`${variants.field}\`: ${Object.entries(variants.values).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    }
    if (provider.usage.note !== undefined) lines.push(`Note: ${provider.usage.note}`);
  }

  return {
    authType: provider.authType,
    baseUrl: provider.api.baseUrl,
    header,
    format,
    extraHeaders,
    baseUrlLine,
    lines,
    variables: uniqueVariables(variables),
    fetchNote,
    snippet: null,
  };
}
