/**
 * The one OAuth callback for every provider. Order matters: the state is consumed (atomically,
 * once) before anything else, so a replayed or doubled callback makes no second code exchange.
 */
import * as oauth from "oauth4webapi";
import type { Db } from "@/db";
import { consumeState, finishConnectSession } from "@/db/queries/connect-sessions";
import type { ConnectSession } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import { saveOAuthConnection } from "@/lib/connections/save-oauth-connection";
import { decryptSecret } from "@/lib/crypto";
import { exchangeCode, fetchIdentity, ProviderCallError, resolveClientConfig, validateCallback } from "@/lib/oauth";
import { getProvider } from "@/lib/providers";
import { completeGrant, failGrant, grantErrorFor } from "@/lib/provider-tokens/complete-grant";
import { sessionRef } from "./session-ref";
import { redirectUriFor, stateDigest } from "./start-authorization";

export type CallbackOutcome =
  | { kind: "completed"; session: ConnectSession; connectionId: string }
  | { kind: "failed"; session: ConnectSession; error: string }
  | { kind: "grant"; session: ConnectSession; redirectTo: string }
  | { kind: "rejected"; reason: "missing_state" | "duplicate_parameters" | "unknown_state" };

const SINGLE = ["state", "code", "error", "iss"];

async function fail(db: Db, session: ConnectSession, error: string): Promise<CallbackOutcome> {
  await finishConnectSession(db, session.id, { status: "failed", error });
  if (session.providerTokenRequestId) return { kind: "grant", session, redirectTo: await failGrant(db, session.providerTokenRequestId, grantErrorFor(error)) };
  await recordEvent(db, { userId: session.userId, apiKeyId: session.apiKeyId, action: "connection.create", provider: session.provider, outcome: "failure", detail: { sessionRef: sessionRef(session.id), error } });
  return { kind: "failed", session, error };
}

export async function completeCallback(
  db: Db,
  input: { provider: string; params: URLSearchParams; bindings: string[]; baseUrl: string; now?: Date },
): Promise<CallbackOutcome> {
  const { params } = input;
  if (SINGLE.some((name) => params.getAll(name).length > 1)) return { kind: "rejected", reason: "duplicate_parameters" };
  const state = params.get("state");
  if (!state) return { kind: "rejected", reason: "missing_state" };

  let session: ConnectSession | undefined;
  for (const binding of input.bindings.slice(0, 8)) {
    session = await consumeState(db, stateDigest(state, binding));
    if (session) break;
  }
  if (!session) return { kind: "rejected", reason: "unknown_state" };
  if (session.provider !== input.provider) return fail(db, session, "provider_mismatch");
  if (session.expiresAt <= (input.now ?? new Date())) return fail(db, session, "session_expired");
  const provider = getProvider(session.provider);
  if (provider?.authType !== "oauth2") return fail(db, session, "not_oauth");

  const cfg = resolveClientConfig(provider);
  let validated: URLSearchParams;
  try {
    validated = validateCallback(cfg, params, state);
  } catch (err) {
    if (err instanceof oauth.AuthorizationResponseError) return fail(db, session, err.error);
    // Wrong `iss`, a code together with an error, or a malformed response.
    return fail(db, session, "invalid_callback");
  }
  if (params.has("error")) return fail(db, session, "invalid_callback");

  let tokens;
  try {
    const verifier = session.codeVerifierEnc ? decryptSecret(session.codeVerifierEnc, `${session.id}:code_verifier`) : null;
    tokens = await exchangeCode(cfg, validated, redirectUriFor(input.baseUrl, provider.code), verifier);
  } catch (err) {
    return fail(db, session, err instanceof ProviderCallError ? `token_exchange_failed: ${err.failure.error}` : "token_exchange_failed");
  }
  const identity = await fetchIdentity(cfg, tokens);
  // A service's hosted grant (issue 13): the connection is the end user's, and the browser goes back to the service.
  if (session.providerTokenRequestId) return { kind: "grant", session, redirectTo: await completeGrant(db, session, { tokens, identity }) };
  if (!session.userId) return fail(db, session, "no_owner");
  const connection = await saveOAuthConnection(db, { userId: session.userId, provider: provider.code, tokens, identity, requestedScopes: session.scopes, makeDefault: session.makeDefault });
  await finishConnectSession(db, session.id, { status: "completed", connectionId: connection.id });
  await recordEvent(db, {
    userId: session.userId,
    apiKeyId: session.apiKeyId,
    action: "connection.create",
    provider: provider.code,
    connectionId: connection.id,
    detail: { sessionRef: sessionRef(session.id), account: connection.accountLabel, scopes: connection.scopes },
  });
  return { kind: "completed", session, connectionId: connection.id };
}
