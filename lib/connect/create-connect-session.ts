import type { Db } from "@/db";
import { insertConnectSession } from "@/db/queries/connect-sessions";
import { listConnectionsForUser } from "@/db/queries/connections";
import { ApiError } from "@/lib/api/errors";
import { assertKeyAllowsProvider, type AuthedKey } from "@/lib/api-keys";
import { recordEvent } from "@/lib/audit/record-event";
import { randomId } from "@/lib/crypto";
import { findReplaceableConnection } from "@/lib/connections/find-replaceable-connection";
import { extraScopesEnv } from "@/lib/env";
import { resolveClientConfig } from "@/lib/oauth";
import { assertProviderReady } from "@/lib/readiness/provider-readiness";
import { requireProvider } from "./require-provider";
import { sessionRef } from "./session-ref";

export const SESSION_TTL_MS = 10 * 60 * 1000;

export type ConnectSessionCreated = { sessionId: string; url: string; expiresAt: string; provider: string };

/**
 * Start a connection for a human to finish in the browser. Scopes requested = the catalog's
 * defaults + what the default connection already holds (incremental consent: a new grant
 * never loses what the last one had) + what the caller asks for. `replaceConnectionId` (the
 * dashboard's "Replace key"; agents' requests never carry it) must name one of this user's
 * API-key connections of this provider, or nothing is created.
 */
export async function createConnectSession(
  db: Db,
  owner: { userId: string; key?: AuthedKey },
  input: { provider: string; scopes?: string[]; replaceConnectionId?: string },
  baseUrl: string,
  returnTo: "hosted" | "dashboard" = "hosted",
): Promise<ConnectSessionCreated> {
  const provider = requireProvider(input.provider);
  if (owner.key) assertKeyAllowsProvider(owner.key, provider.code);
  if (input.replaceConnectionId && !(await findReplaceableConnection(db, owner.userId, provider.code, input.replaceConnectionId))) {
    throw new ApiError("INTEGRATION_NOT_FOUND", `You have no ${provider.name} API-key connection with that id, so its key cannot be replaced.`, { provider: provider.code });
  }
  // PROVIDER_NOT_CONFIGURED now, not after the human clicked (the same rule /ai/context offers by).
  assertProviderReady(provider);
  let scopes: string[] = [];
  if (provider.authType === "oauth2") {
    resolveClientConfig(provider); // endpoint overrides must be valid too
    // S6: an agent (or whoever steers it) may only ask for scopes the catalog lists for this
    // provider, plus the operator's AKHROT_EXTRA_SCOPES_<CODE>; never an arbitrary "admin" scope.
    const allowed = new Set([...provider.oauth.scopes, ...provider.oauth.defaultScopes, ...(extraScopesEnv()[provider.code] ?? [])]);
    const unknown = (input.scopes ?? []).find((s) => !allowed.has(s));
    if (unknown !== undefined) {
      throw new ApiError(
        "INVALID_REQUEST",
        `scopes: "${unknown.slice(0, 120)}" is not a ${provider.name} scope this Akhrot instance allows. Ask only for the scopes GET /ai/context/${provider.code} lists; the operator can allow more with AKHROT_EXTRA_SCOPES_${provider.code.toUpperCase().replaceAll("-", "_")}.`,
        { provider: provider.code },
      );
    }
    const [current] = await listConnectionsForUser(db, owner.userId, provider.code);
    scopes = [...new Set([...provider.oauth.defaultScopes, ...(current?.scopes ?? []), ...(input.scopes ?? [])])];
  }
  const row = await insertConnectSession(db, {
    id: randomId("cs"),
    userId: owner.userId,
    apiKeyId: owner.key?.id ?? null,
    provider: provider.code,
    scopes,
    returnTo,
    replaceConnectionId: input.replaceConnectionId ?? null,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
  });
  // S18: the live session id is a capability for 10 minutes; the audit row keeps only a digest to correlate by.
  await recordEvent(db, { userId: owner.userId, apiKeyId: owner.key?.id ?? null, action: "session.create", provider: provider.code, detail: { sessionRef: sessionRef(row.id), scopes } });
  return { sessionId: row.id, url: `${baseUrl}/connect/${row.id}`, expiresAt: row.expiresAt.toISOString(), provider: provider.code };
}
