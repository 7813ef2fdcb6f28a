/**
 * GET /ai/context/summary: the smallest useful answer for an agent. The markdown has hard
 * byte budgets (≤ 600 B with 3 connections, ≤ 1 KiB with 10), so it uses relative paths,
 * one line per connected provider and bare codes for what is available; the JSON carries
 * the same facts with absolute URLs. Only providers this instance is set up for, and the key
 * may use, are offered for connecting: the rest are named as needing the operator first.
 */
import { providers, type ProviderCode } from "@/lib/providers";
import { accountName } from "./account-name";
import { nextCall } from "./akhrot-curl";
import { inlineText } from "./markdown-text";
import { canConnect, type ContextConnection, type ContextDocument, type NextCall, type ProviderAccess } from "./types";

export type SummaryJson = {
  connected: {
    provider: ProviderCode;
    accounts: { connectionId: string; accountId: string; label: string | null; isDefault: boolean }[];
    services: string[];
  }[];
  needsReauth: { provider: ProviderCode; connectionId: string; accountId: string; label: string | null }[];
  /** Not connected yet, and connectable now: this instance is configured for them and the key may use them. */
  available: ProviderCode[];
  /** Allowed for this key but not configured on this instance: POST /oauth/sessions answers PROVIDER_NOT_CONFIGURED until the operator sets them up. */
  needsOperatorSetup: ProviderCode[];
  /** null when there is nothing to fetch, or nothing that can be connected. */
  next: { fetchToken: NextCall | null; connect: NextCall | null; details: NextCall | null };
};

/** Byte budgets of the markdown (DESIGN: "about 500 bytes"); labels shrink to fit them. */
function byteBudget(connectionCount: number): number {
  if (connectionCount <= 3) return 600;
  return connectionCount <= 10 ? 1024 : Number.POSITIVE_INFINITY;
}
const labelLengths = [40, 32, 24, 16, 12];

export function buildSummary(connections: readonly ContextConnection[], baseUrl: string, access: ProviderAccess): ContextDocument<SummaryJson> {
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
  const unconnected = providers.filter((p) => !withAny.has(p.code) && access.allowed(p.code)).map((p) => p.code);
  const available = unconnected.filter((code) => access.setupNeeded(code) === null);
  const needsOperatorSetup = unconnected.filter((code) => access.setupNeeded(code) !== null);

  // A broken connection is the most useful thing to (re)connect, when it can be.
  const connectCode = reauth.find((c) => canConnect(access, c.provider))?.provider ?? available[0] ?? null;
  const fetchCode = connected[0]?.provider ?? connectCode;
  const connectBody = connectCode === null ? null : { provider: connectCode };

  const render = (labelLength: number): string => {
    const name = (c: ContextConnection) => inlineText(accountName(c), labelLength);
    const lines = ["# Akhrot"];
    if (connected.length === 0) lines.push("Connected: none yet");
    else {
      lines.push("Connected:");
      for (const entry of connected) {
        const many = entry.accounts.length > 1;
        const names = entry.accounts.map((c) => `${name(c)}${many && c.isDefault ? " (default)" : ""}`);
        lines.push(`- ${entry.provider} ${names.join(", ")}: ${entry.services.join(" ")}`);
      }
    }
    if (reauth.length > 0) lines.push(`Needs re-auth: ${reauth.map((c) => `${c.provider} ${name(c)}`).join(", ")}`);
    // Bare comma-separated codes: 34 of them are already ~280 bytes of the budget.
    lines.push(`Available: ${available.length > 0 ? available.join(",") : "none"}`);
    if (needsOperatorSetup.length > 0) lines.push(`Not set up here (operator first): ${needsOperatorSetup.join(",")}`);
    const connect = connectBody === null ? null : `POST /oauth/sessions ${JSON.stringify(connectBody)}`;
    if (connected.length > 0) lines.push(`Next: POST /tokens/fetch ${JSON.stringify({ provider: connected[0]?.provider })}${connect === null ? "" : ` · ${connect}`}`);
    else if (connect !== null) lines.push(`Next: ${connect}, the user opens its url signed in to Akhrot; then POST /tokens/fetch`);
    else lines.push("Next: nothing can be connected until the operator sets a provider up");
    return `${lines.join("\n")}\n`;
  };
  const budget = byteBudget(connections.length);
  const fits = (md: string) => new TextEncoder().encode(md).length <= budget;
  const markdown = labelLengths.map(render).find(fits) ?? render(labelLengths[labelLengths.length - 1] ?? 12);

  return {
    markdown,
    json: {
      connected: connected.map((entry) => ({
        provider: entry.provider,
        accounts: entry.accounts.map((c) => ({ connectionId: c.id, accountId: c.accountId, label: c.accountLabel, isDefault: c.isDefault })),
        services: entry.services,
      })),
      needsReauth: reauth.map((c) => ({ provider: c.provider, connectionId: c.id, accountId: c.accountId, label: c.accountLabel })),
      available,
      needsOperatorSetup,
      next: {
        fetchToken: fetchCode === null ? null : nextCall(baseUrl, "POST", "/tokens/fetch", { provider: fetchCode }),
        connect: connectBody === null ? null : nextCall(baseUrl, "POST", "/oauth/sessions", connectBody),
        details: fetchCode === null ? null : nextCall(baseUrl, "GET", `/ai/context/${fetchCode}`),
      },
    },
  };
}
