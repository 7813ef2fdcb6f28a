/**
 * GET /llms.txt (the llms.txt convention: an H1, a one-line summary in a blockquote, then
 * sections of links with notes) for this instance, generated from the catalog so it lists
 * exactly the providers and per-provider documents that exist. Everything it links is
 * markdown an agent can read: the skill and the /ai/context documents.
 */
import { providers, type AuthType } from "@/lib/providers";
import { apiUrl, normalizeBaseUrl } from "./api-url";
import { tableCell } from "./markdown-text";

const AUTH: Record<AuthType, string> = { oauth2: "OAuth", api_key: "API key", mtproto: "Telegram MTProto session" };

export function buildLlmsTxt(baseUrl: string): string {
  const base = normalizeBaseUrl(baseUrl);
  const link = (title: string, path: string, note: string) => `- [${title}](${apiUrl(base, path)}): ${note}`;
  return `${[
    "# Akhrot",
    `> Open-source OAuth and API-key vault for AI agents: fetch fresh credentials for ${providers.length} providers with one REST call, then call the providers' APIs directly.`,
    [
      "Every endpoint except the skill and this file needs `Authorization: Bearer <Akhrot API key>` (the human mints one in the dashboard).",
      "Errors share one JSON envelope: `{\"error\":{\"code\",\"message\"}}`.",
    ].join(" "),
    "## Docs",
    [
      link("Skill", "/ai/skill", "the complete agent guide for this instance (no auth): fetch a token, connect a provider, wait for the human, error codes"),
      link("Summary", "/ai/context/summary", "what this key's user has connected and the next calls (markdown; JSON with Accept: application/json)"),
    ].join("\n"),
    "## Providers",
    providers
      .map((p) => link(tableCell(p.name), `/ai/context/${p.code}`, `${AUTH[p.authType]}; ${tableCell(p.services.map((s) => s.name).join(", "))}`))
      .join("\n"),
    "## Optional",
    [
      "- Token: `POST /tokens/fetch` with `{\"provider\":\"<code>\"}`",
      "- Connect link for the human: `POST /oauth/sessions` with `{\"provider\":\"<code>\"}`, then poll `GET /oauth/sessions/{sessionId}`",
    ].join("\n"),
  ].join("\n\n")}\n`;
}
