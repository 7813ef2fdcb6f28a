/**
 * GET /ai/skill: the agent skill document (seed 001) for this instance, generated from the
 * catalog so the provider table and examples never drift. Plain CommonMark, no HTML.
 */
import { getService, providers, type AuthType, type Provider } from "@/lib/providers";
import { agentErrors } from "./agent-errors";
import { akhrotCurl, akhrotKeyVar } from "./akhrot-curl";
import { apiUrl, normalizeBaseUrl } from "./api-url";
import { codeBlock, tableCell } from "./markdown-text";
import { exampleEndpoint, providerCurl } from "./provider-curl";
import type { ProviderAccess } from "./types";

const tokenTypeLabel: Record<AuthType, string> = {
  oauth2: "OAuth Bearer",
  api_key: "API Key",
  mtproto: "MTProto Session",
};

function useCases(p: Provider): string {
  const names = p.services.map((s) => s.name).join(", ");
  return p.authType === "mtproto" ? `${names} (use GramJS or Telethon)` : names;
}

function providerTable(access: ProviderAccess): string {
  const rows = providers.map(
    (p) =>
      `| ${tableCell(p.name)} | ${p.code} | ${tokenTypeLabel[p.authType]} | ${access.setupNeeded(p.code) === null ? "ready" : "needs operator setup"} | ${tableCell(useCases(p))} |`,
  );
  return ["| Provider | Code | Token Type | On this instance | Use Cases |", "|---|---|---|---|---|", ...rows].join("\n");
}

function errorTable(): string {
  const rows = agentErrors.map((e) => `| ${e.code} | ${e.http} | ${tableCell(e.meaning)} |`);
  return ["| Code | HTTP | Meaning |", "|---|---|---|", ...rows].join("\n");
}

/** "Call the provider directly" examples, generated like /ai/context's so they stay real. */
function directCallExamples(): string[] {
  const examples: string[] = [];
  for (const [code, serviceCode] of [["google", "gmail"], ["github", "repos"]] as const) {
    const provider = providers.find((p) => p.code === code);
    const service = getService(code, serviceCode);
    const endpoint = service && exampleEndpoint(service);
    const curl = provider && service && endpoint ? providerCurl(provider, service, endpoint) : undefined;
    if (curl !== undefined) examples.push(`# ${provider?.name} ${service?.name}\n${curl.command}`);
  }
  return examples;
}

export function buildSkillMarkdown(baseUrl: string, access: ProviderAccess): string {
  const base = normalizeBaseUrl(baseUrl);
  // The connect example names a provider this instance can connect (an OAuth one if any is set up).
  const ready = providers.filter((p) => access.setupNeeded(p.code) === null);
  const connectExample = (ready.find((p) => p.authType === "oauth2") ?? ready[0])?.code ?? "openai";
  const sections = [
    [
      "---",
      "name: akhrot",
      `description: "Fetch fresh OAuth tokens and API keys for ${providers.length} providers (Google, GitHub, Slack, OpenAI, Stripe and more) from Akhrot, then call the provider APIs directly."`,
      "---",
    ].join("\n"),
    "# Akhrot: OAuth and API-key vault for agents",
    [
      "Akhrot stores your user's OAuth tokens and API keys and hands you fresh credentials.",
      "You fetch a credential from Akhrot, then call the provider's own API (Gmail, GitHub, Slack, ...) directly;",
      "Akhrot never proxies provider traffic.",
    ].join("\n"),
    `Base URL: ${base}\n\nEvery request except this document sends \`Authorization: Bearer $${akhrotKeyVar}\` (your Akhrot API key).`,
    "## Quick start",
    "### 1. Check what is connected (about 500 bytes)",
    codeBlock(akhrotCurl(base, "GET", "/ai/context/summary"), "bash"),
    "Connected providers with their accounts and services, what else can be connected, and the next calls. Send `Accept: application/json` for the same facts as JSON.",
    "### 2. Get provider or service details (when needed)",
    codeBlock(
      ["# One provider", akhrotCurl(base, "GET", "/ai/context/google"), "", "# One service", akhrotCurl(base, "GET", "/ai/context/google/gmail")].join("\n"),
      "bash",
    ),
    "Connection status, granted scopes, how to send the credential, the API base URL, the most used endpoints and a ready curl example.",
    "### 3. Fetch a token for a connected provider",
    codeBlock(akhrotCurl(base, "POST", "/tokens/fetch", { provider: "google" }), "bash"),
    [
      'Returns `accessToken`, `tokenType`, `expiresAt`, `scopes`, `account` and `connectionId`. Optional fields: `"account"` picks one of several accounts, `"scopes"` requires scopes (INSUFFICIENT_SCOPE lists `missingScopes`).',
      "API-key providers return the key as `accessToken`, extra fields (such as Twilio's `accountSid`) under `fields`, and a `usage` hint (header, format, base URL).",
      'Telegram returns `"type":"mtproto"` with `accessToken` (session string), `apiId` and `apiHash`.',
    ].join("\n"),
    "### 4. Connect a provider the user has not connected yet",
    codeBlock(akhrotCurl(base, "POST", "/oauth/sessions", { provider: connectExample }), "bash"),
    [
      'Returns `sessionId`, `url` and `expiresAt`. Send your user to `url`: it works once, for 10 minutes, and only for the person who owns your Akhrot API key, **signed in to the Akhrot dashboard** (the page asks them to sign in first, shows which key asked and for which scopes, and needs their explicit Continue). Anyone else who opens it is refused. Add `"scopes":[...]` to ask for more scopes: only scopes listed by `GET /ai/context/{provider}` are accepted.',
      "For API-key providers the page is a form where the user pastes the key: never ask for keys in the chat.",
    ].join("\n"),
    "### 5. Wait for the user",
    codeBlock(akhrotCurl(base, "GET", "/oauth/sessions/cs_example"), "bash"),
    "`status` is `pending`, `completed` (with `connectionId`), `expired` or `failed`. Poll every few seconds, then fetch the token.",
    "### 6. Call the provider API directly",
    codeBlock(directCallExamples().join("\n\n"), "bash"),
    "`$TOKEN` is the `accessToken` from step 3. `GET /ai/context/{provider}/{service}` gives the exact headers and endpoints for each service.",
    "## Available providers",
    [
      "Use the code in `/tokens/fetch` and `/oauth/sessions`.",
      "A provider marked `needs operator setup` cannot be connected on this instance yet: `/oauth/sessions` answers PROVIDER_NOT_CONFIGURED (503) until the operator registers an app for it. Tell your user rather than retrying.",
      "`GET /ai/context/summary` lists what your key can connect now (`Available`).",
    ].join(" "),
    providerTable(access),
    "## Key points",
    [
      "- **API key = user identity.** There is no userId: your Akhrot API key identifies the user, and every connection belongs to that user.",
      "- **Tokens refresh automatically.** `/tokens/fetch` refreshes an expiring OAuth token before returning it; fetch again instead of keeping a token past `expiresAt`.",
      "- **Direct API calls.** You call provider APIs yourself; Akhrot only stores and returns credentials.",
      "- **The user must authorize.** Only the human who owns your key, signed in to the Akhrot dashboard, can complete the flow at the `url` from `/oauth/sessions`; you cannot authorize for them, and the link is useless to anyone else.",
      "- **Telegram is special.** It uses MTProto, not HTTP: the response has `accessToken` (a session string), `apiId` and `apiHash` for GramJS (JavaScript) or Telethon (Python).",
    ].join("\n"),
    "## Errors",
    'Every error has one envelope: `{"error":{"code":"INTEGRATION_NOT_FOUND","message":"...","provider":"google"}}`.',
    errorTable(),
    "## Live skill document",
    `\`GET ${apiUrl(base, "/ai/skill")}\` returns the latest version of this document (no auth).`,
  ];
  return `${sections.join("\n\n")}\n`;
}
