import type { ProviderCode } from "@/lib/providers";

/** One stored connection, as the context builders see it (no secrets, no DB types). */
export type ContextConnection = {
  id: string;
  provider: ProviderCode;
  accountId: string;
  accountLabel: string | null;
  scopes: string[];
  status: "active" | "needs_reauth";
  isDefault: boolean;
  expiresAt: Date | null;
};

/** A call an agent can make next, with an absolute URL. */
export type NextCall = { method: "GET" | "POST"; url: string; body?: Record<string, unknown> };

/** What builders return: markdown for agents, the same facts as JSON for `Accept: application/json`. */
export type ContextDocument<Json> = { markdown: string; json: Json };
