/**
 * GET /ai/context/summary: the smallest useful answer for an agent. The markdown has hard
 * byte budgets (≤ 600 B with 3 connections, ≤ 1 KiB with 10), so it uses relative paths,
 * one line per connected provider and bare codes for what is available; the JSON carries
 * the same facts with absolute URLs.
 */
import { providers, type ProviderCode } from "@/lib/providers";
import { accountName } from "./account-name";
import { nextCall } from "./akhrot-curl";
import { inlineText } from "./markdown-text";
import type { ContextConnection, ContextDocument, NextCall } from "./types";

export type SummaryJson = {
  connected: {
    provider: ProviderCode;
    accounts: { connectionId: string; accountId: string; label: string | null; isDefault: boolean }[];
    services: string[];
  }[];
  needsReauth: { provider: ProviderCode; connectionId: string; accountId: string; label: string | null }[];
  available: ProviderCode[];
  next: { fetchToken: NextCall; connect: NextCall; details: NextCall };
};

/** Labels are provider data of any length; the summary keeps each short. */
const labelBudget = 40;

export function buildSummary(connections: readonly ContextConnection[], baseUrl: string): ContextDocument<SummaryJson> {
  const active = connections.filter((c) => c.status === "active");
  const reauth = connections.filter((c) => c.status === "needs_reauth");
  const withAny = new Set(connections.map((c) => c.provider));

  const connected = providers.flatMap((p) => {
    const accounts = active.filter((c) => c.provider === p.code);
    if (accounts.length === 0) return [];
    // Default account first, so the label an agent sees first is the one /tokens/fetch uses.
    accounts.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
    return [{ provider: p.code, accounts, services: p.services.map((s) => s.code) }];
  });
  const available = providers.filter((p) => !withAny.has(p.code)).map((p) => p.code);

  const fetchCode = connected[0]?.provider ?? reauth[0]?.provider ?? "google";
  const connectCode = available[0] ?? reauth[0]?.provider ?? fetchCode;
  const fetchBody = { provider: fetchCode };
  const connectBody = { provider: connectCode };

  const lines = ["# Akhrot"];
  if (connected.length === 0) lines.push("Connected: none yet");
  else {
    lines.push("Connected:");
    for (const entry of connected) {
      const many = entry.accounts.length > 1;
      const names = entry.accounts.map((c) => `${inlineText(accountName(c), labelBudget)}${many && c.isDefault ? " (default)" : ""}`);
      lines.push(`- ${entry.provider} ${names.join(", ")}: ${entry.services.join(" ")}`);
    }
  }
  if (reauth.length > 0) {
    const names = reauth.map((c) => `${c.provider} ${inlineText(accountName(c), labelBudget)}`);
    lines.push(`Needs re-auth (connect again): ${names.join(", ")}`);
  }
  // Bare comma-separated codes: 34 of them are already ~300 bytes of the budget.
  lines.push(`Available: ${available.length > 0 ? available.join(",") : "none"}`);
  if (connected.length > 0) lines.push(`Token: POST /tokens/fetch ${JSON.stringify(fetchBody)}`);
  lines.push(`Connect: POST /oauth/sessions ${JSON.stringify(connectBody)} (user opens url)`);

  return {
    markdown: `${lines.join("\n")}\n`,
    json: {
      connected: connected.map((entry) => ({
        provider: entry.provider,
        accounts: entry.accounts.map((c) => ({ connectionId: c.id, accountId: c.accountId, label: c.accountLabel, isDefault: c.isDefault })),
        services: entry.services,
      })),
      needsReauth: reauth.map((c) => ({ provider: c.provider, connectionId: c.id, accountId: c.accountId, label: c.accountLabel })),
      available,
      next: {
        fetchToken: nextCall(baseUrl, "POST", "/tokens/fetch", fetchBody),
        connect: nextCall(baseUrl, "POST", "/oauth/sessions", connectBody),
        details: nextCall(baseUrl, "GET", `/ai/context/${fetchCode}`),
      },
    },
  };
}
