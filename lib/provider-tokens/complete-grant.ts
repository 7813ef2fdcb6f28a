/**
 * The callback's grant branch (lib/connect/complete-callback.ts calls it once the code is
 * exchanged): check the request is still live and the end user still linked, the provider's
 * verified email against the end user's (unless the service turned that off), the granted
 * scopes and the bound account; then save the END USER's connection and, in one transaction,
 * claim the request (one winner), upsert the grant with the requested scopes and audit.
 * Every refusal goes back to the service as `provider_grant=error`, never a silent link.
 */
import type { Db } from "@/db";
import { finishConnectSession } from "@/db/queries/connect-sessions";
import { findLinkedEndUser } from "@/db/queries/end-users";
import { closeTokenRequest, findEndUserConnectionByAccount, findTokenRequestById, upsertGrant } from "@/db/queries/provider-tokens";
import { findServiceById } from "@/db/queries/services";
import type { ConnectSession, ProviderTokenRequest, ServiceRow } from "@/db/schema";
import { saveApiKeyConnection } from "@/lib/connections/save-api-key-connection";
import type { FieldErrors } from "@/lib/connections/validate-credential-fields";
import type { ApiKeyProvider, MtprotoProvider } from "@/lib/providers";
import { saveOAuthConnection, UNKNOWN_ACCOUNT } from "@/lib/connections/save-oauth-connection";
import { randomId } from "@/lib/crypto";
import type { Identity, TokenSet } from "@/lib/oauth";
import { recordOrgEvent } from "@/lib/orgs/record-org-event";
import { emitWebhookEvent } from "@/lib/webhooks";
import type { TelegramLoginView } from "@/lib/telegram/telegram-login-view";
import { grantRedirect, type GrantErrorCode } from "./grant-redirect";
import { hasAll } from "./issue-provider-token";

/** The engine's failure words → the codes a service sees. */
export function grantErrorFor(engineError: string): GrantErrorCode {
  if (engineError === "access_denied") return "access_denied";
  if (engineError === "session_expired") return "request_expired";
  return "provider_error";
}

/** Close the request (canceled) and send the browser back with the error. A request already closed keeps its state. */
export async function failGrant(db: Db, requestId: string, error: GrantErrorCode, now = new Date()): Promise<string> {
  const request = await findTokenRequestById(db, requestId);
  if (!request) throw new Error("provider-token request vanished");
  await closeTokenRequest(db, request.id, "canceled", now);
  return grantRedirect(request.redirectUri, request.provider, request.clientState, error);
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export async function completeGrant(db: Db, session: ConnectSession, input: { tokens: TokenSet; identity: Identity | undefined }, now = new Date()): Promise<string> {
  const requestId = session.providerTokenRequestId;
  if (!requestId) throw new Error("not a grant session");
  const request = await findTokenRequestById(db, requestId);
  if (!request) throw new Error("provider-token request vanished");
  const refuse = async (error: GrantErrorCode) => {
    await finishConnectSession(db, session.id, { status: "failed", error });
    return failGrant(db, request.id, error, now);
  };
  if (request.status !== "pending" || request.expiresAt <= now) return refuse("request_expired");
  const [linked, service] = await Promise.all([findLinkedEndUser(db, request.serviceId, request.endUserId), findServiceById(db, request.serviceId)]);
  if (!linked || !service) return refuse("user_not_linked");
  const { identity, tokens } = input;
  if (service.verifyProviderEmail && identity?.emailVerified && identity.email && !sameEmail(identity.email, linked.user.email)) return refuse("email_mismatch");
  const granted = tokens.scopes ?? session.scopes;
  if (!hasAll(granted, request.requestedScopes)) return refuse("scope_not_granted");
  if (request.connectionId) {
    const existing = await findEndUserConnectionByAccount(db, request.endUserId, request.provider, identity?.accountId ?? UNKNOWN_ACCOUNT);
    if (existing?.id !== request.connectionId) return refuse("account_conflict");
  }
  const connection = await saveOAuthConnection(db, { endUserId: request.endUserId, provider: request.provider, tokens, identity, requestedScopes: session.scopes });
  const won = await claimAndGrant(db, request, service, connection.id, now);
  await finishConnectSession(db, session.id, won ? { status: "completed", connectionId: connection.id } : { status: "failed", error: "request_expired" });
  return grantRedirect(request.redirectUri, request.provider, request.clientState, won ? undefined : "request_expired");
}

/** API-key providers: the end user pasted the key on the hosted page (the page checked CSRF and the request). */
export async function completeKeyGrant(
  db: Db,
  request: ProviderTokenRequest,
  service: ServiceRow,
  provider: ApiKeyProvider | MtprotoProvider,
  values: Record<string, unknown>,
  now = new Date(),
  identity?: { accountId: string; label: string },
): Promise<{ ok: true; redirectTo: string; connectionId: string } | { ok: false; errors: FieldErrors }> {
  const saved = await saveApiKeyConnection(db, { userId: null, endUserId: request.endUserId, provider, values, identity });
  if (!saved.ok) return saved;
  const won = await claimAndGrant(db, request, service, saved.connection.id, now);
  return { ok: true, connectionId: saved.connection.id, redirectTo: grantRedirect(request.redirectUri, request.provider, request.clientState, won ? undefined : "request_expired") };
}

/**
 * Telegram's phone login on the hosted grant page signed in: the session string is stored as a
 * pasted one would be, and the connect session closes either way. The view carries the
 * redirect back to the service (success, or the error when the request lapsed meanwhile).
 */
export async function completeTelegramGrant(db: Db, session: ConnectSession, provider: MtprotoProvider, sessionString: string, identity?: { accountId: string; label: string }, now = new Date()): Promise<TelegramLoginView> {
  const request = session.providerTokenRequestId ? await findTokenRequestById(db, session.providerTokenRequestId) : undefined;
  const service = request && (await findServiceById(db, request.serviceId));
  if (!request || !service) throw new Error("provider-token request vanished");
  if (request.status !== "pending" || request.expiresAt <= now) {
    await finishConnectSession(db, session.id, { status: "failed", error: "request_expired" });
    return { step: "done", redirectTo: await failGrant(db, request.id, "request_expired", now) };
  }
  const done = await completeKeyGrant(db, request, service, provider, { sessionString }, now, identity);
  if (!done.ok) return { step: "closed", error: done.errors._form ?? "Akhrot could not store this Telegram session. Go back to the app and try again." };
  await finishConnectSession(db, session.id, { status: "completed", connectionId: done.connectionId });
  return { step: "done", redirectTo: done.redirectTo };
}

/** One transaction: claim the request (one winner), upsert the grant with the REQUESTED scopes, audit both. */
async function claimAndGrant(db: Db, request: ProviderTokenRequest, service: ServiceRow, connectionId: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claimed = await closeTokenRequest(tx, request.id, "completed", now);
    if (!claimed) return false;
    const grant = await upsertGrant(tx, { id: randomId("grant"), endUserId: request.endUserId, serviceId: request.serviceId, connectionId, provider: request.provider, scopes: request.requestedScopes, now });
    const event = { orgId: service.orgId, serviceId: service.id, targetType: "service_grant", targetId: grant.id };
    await recordOrgEvent(tx, { ...event, action: "provider_grant.created", detail: { user_id: request.endUserId, provider: request.provider, scopes: grant.scopes, provider_token_request: request.id } });
    await recordOrgEvent(tx, { ...event, action: "provider_token_request.completed", detail: { service_id: service.id, provider: request.provider, connected_account_id: connectionId } });
    const org = { orgId: service.orgId };
    const facts = { serviceId: service.id, endUserId: request.endUserId, provider: request.provider, connectionId };
    await emitWebhookEvent(tx, org, "provider_grant.created", { grantId: grant.id, ...facts, scopes: grant.scopes });
    await emitWebhookEvent(tx, org, "provider_token_request.completed", { requestId: request.id, ...facts });
    return true;
  });
}
