/** A provider's token answer, normalised (secrets included: never log one). */
export type TokenSet = {
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  expiresAt: Date | null;
  /** Granted scopes when the provider says them; undefined when it does not. */
  scopes?: string[];
  /** Everything else in the token answer, for reading the identity in memory; only lib/oauth/stored-extras.ts decides what is stored. */
  extras: Record<string, unknown>;
};

const SECRET_FIELDS = new Set(["access_token", "refresh_token", "id_token", "token_type", "expires_in", "scope"]);

export function toTokenSet(json: Record<string, unknown>, separator: string, now = Date.now()): TokenSet {
  const expiresIn = typeof json.expires_in === "number" ? json.expires_in : undefined;
  const scope = typeof json.scope === "string" ? json.scope : undefined;
  const extras: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) if (!SECRET_FIELDS.has(k) && !/token|secret/i.test(k)) extras[k] = v;
  return {
    accessToken: String(json.access_token),
    refreshToken: typeof json.refresh_token === "string" && json.refresh_token ? json.refresh_token : undefined,
    tokenType: "Bearer",
    expiresAt: expiresIn !== undefined && expiresIn > 0 ? new Date(now + expiresIn * 1000) : null,
    scopes: scope === undefined ? undefined : scope.split(/[\s,]+/).filter(Boolean).filter((s) => s !== separator),
    extras,
  };
}
