/** Test helpers: realistic connections for the context builders. */
import type { ProviderCode } from "@/lib/providers";
import type { ContextConnection, ProviderAccess } from "./types";

let counter = 0;

export function connection(provider: ProviderCode, overrides: Partial<ContextConnection> = {}): ContextConnection {
  counter += 1;
  return {
    id: `conn_${provider}_${counter}`,
    provider,
    accountId: `${provider}-account-${counter}`,
    accountLabel: "alice.longname@example.com",
    scopes: [],
    status: "active",
    isDefault: true,
    expiresAt: new Date("2030-01-01T00:00:00Z"),
    ...overrides,
  };
}

export const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

/** URLs in double quotes on a line (the way every generated curl line carries its URL). */
export function quotedUrls(line: string): string[] {
  return [...line.matchAll(/"(https?:\/\/[^"]+)"/g)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));
}

/** Every provider set up on the instance and allowed for the key: the documents' widest offer. */
export const everyReady: ProviderAccess = { setupNeeded: () => null, allowed: () => true };
