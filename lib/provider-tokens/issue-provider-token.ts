/**
 * POST /api/service/provider-tokens: AuthOS's decision table (AUTHOS-SERVICE-API.md §5.1), in
 * its order, with two deliberate changes: scopes outside the allow-list are a 400 (bad input,
 * not a missing right), and every provider that issues refresh tokens is refreshed (through
 * the same fenced single-flight refresh as /tokens/fetch), not only Google and Microsoft.
 *
 * Isolation lives in the lookups: a service reaches an end user only if that user is linked to
 * it, reaches the end user's connections only by `end_user_id` (personal connections have
 * none) and a token only through an active grant of THIS service.
 */
import type { z } from "zod";
import type { Db } from "@/db";
import { loadProviderTokenState, stampGrantsUsed } from "@/db/queries/provider-tokens";
import { findServiceById } from "@/db/queries/services";
import type { Connection, ServiceGrant } from "@/db/schema";
import { createStampQueue } from "@/db/write-batcher";
import { defer } from "@/lib/api/defer";
import { ApiError } from "@/lib/api/errors";
import { openFields } from "@/lib/connections/connection-secrets";
import { USER_NOT_LINKED, type ServiceScope } from "@/lib/end-users/service-users";
import { env } from "@/lib/env";
import { badRequest, forbidden, notFound } from "@/lib/orgs/org-error";
import { queueOrgEvent } from "@/lib/orgs/queue-org-event";
import { getProvider, type ApiKeyProvider, type MtprotoProvider, type Provider } from "@/lib/providers";
import { rfc3339Now } from "@/lib/service-api/envelope";
import type { providerTokensBody } from "@/lib/service-api/contract";
import type { ProviderTokenAnswer } from "@/lib/service-api/responses";
import { ensureFreshToken } from "@/lib/tokens/ensure-fresh-token";
import { chooseRedirectUri, createTokenRequest, type ActionCode } from "./token-request";

export type ProviderTokenInput = z.infer<typeof providerTokensBody>;

type Account = { id: string; provider_user_id: string; email: string | null; display_name: string | null };
export type { ProviderTokenAnswer };

export const hasAll = (have: string[], want: string[]) => want.every((s) => have.includes(s));

/** Identity and offline-access scopes: the grant flow adds those of the provider's defaults, and they never count as more power than the grant. */
const IDENTITY_SCOPES = new Set(["openid", "email", "profile", "offline_access", "read:user", "user:email", "User.Read"]);

export function identityScopes(provider: Provider): string[] {
  return provider.authType === "oauth2" ? provider.oauth.defaultScopes.filter((s) => IDENTITY_SCOPES.has(s)) : [];
}

/**
 * Callers that shared one single-flight refresh all get the refreshed row; only the first to see
 * a given refresh writes `provider_token.refreshed` (per process: another instance that raced
 * through the lease may write one more, never one per caller).
 */
const lastAuditedRefresh = new Map<string, number>();
function firstToSee(connectionId: string, refreshedAt: Date): boolean {
  const at = refreshedAt.getTime();
  if ((lastAuditedRefresh.get(connectionId) ?? 0) >= at) return false;
  if (lastAuditedRefresh.size > 10_000) lastAuditedRefresh.clear();
  lastAuditedRefresh.set(connectionId, at);
  return true;
}

function accountOf(row: Connection): Account {
  const email = typeof row.metadata.email === "string" ? row.metadata.email : null;
  return { id: row.id, provider_user_id: row.accountId, email, display_name: row.accountLabel };
}

/** `reqId`: see answerProviderTokens. */
export async function issueProviderToken(db: Db, scope: ServiceScope & { permissions: readonly string[] }, input: ProviderTokenInput, baseUrl: string, now = new Date(), reqId?: string): Promise<ProviderTokenAnswer> {
  const code = input.provider.trim().toLowerCase();
  // 1. The key's permission, before anything about the user is revealed.
  if (!scope.permissions.includes("read:provider_tokens") && !scope.permissions.includes(`read:provider_tokens:${code}`)) {
    throw forbidden("Missing required permission: read:provider_tokens");
  }
  const provider = getProvider(code);
  // One query for all that follows (db/queries/provider-tokens.ts: loadProviderTokenState).
  const state = await loadProviderTokenState(db, scope.serviceId, input.user_id, provider?.code ?? code);
  // 2. A linked end user of THIS service; anything else (another org's, a dashboard user's id) is the same 404.
  if (!state) throw notFound(USER_NOT_LINKED);
  // 3. The provider must be enabled for the service, with an allow-list (AuthOS: an empty list is not configured).
  const config = state.config;
  if (!provider || !config?.enabled || (provider.authType === "oauth2" && !config.scopes.length)) {
    throw forbidden(`Service does not have ${code.slice(0, 60)} scopes configured`);
  }
  const allowed = config.scopes;
  // 4-5. No scopes asked: the whole allow-list. Outside it: 400 naming them.
  const requested = input.scopes?.length ? [...new Set(input.scopes)] : allowed;
  const outside = requested.filter((s) => !allowed.includes(s));
  if (outside.length) throw badRequest(`Requested scopes are not allowed for this service: ${outside.join(", ").slice(0, 500)}`);

  const actionRequired = async (actionCode: ActionCode, missing: string[], connectionId: string | null): Promise<ProviderTokenAnswer> => {
    const service = await findServiceById(db, scope.serviceId);
    if (!service) throw notFound("Service not found");
    const redirectUri = chooseRedirectUri(service, input.redirect_uri);
    const reauthUrl = await createTokenRequest(db, { service, endUserId: input.user_id, provider: provider.code, connectionId, scopes: requested, redirectUri, clientState: input.state, baseUrl, now });
    return { status: "action_required", code: actionCode, reauth_url: reauthUrl, missing_scopes: missing, provider: provider.code };
  };

  // 6. No connection at all.
  if (!state.candidates.length) return actionRequired("PROVIDER_LINK_REQUIRED", requested, null);
  // 7. The most recently updated connection that covers the request; 8. none does.
  const chosen = state.candidates.find((c) => hasAll(c.connection.scopes, requested));
  if (!chosen) return actionRequired("PROVIDER_SCOPE_CONSENT_REQUIRED", requested, null);
  const { connection: row, grant } = chosen;
  if (!grant) return actionRequired("PROVIDER_GRANT_REQUIRED", [], row.id);
  const missing = requested.filter((s) => !grant.scopes.includes(s));
  if (missing.length) return actionRequired("PROVIDER_SCOPE_CONSENT_REQUIRED", missing, row.id);
  const ambient = identityScopes(provider);
  const beyond = row.scopes.filter((s) => !ambient.includes(s) && (!grant.scopes.includes(s) || !allowed.includes(s)));
  if (beyond.length) return actionRequired("PROVIDER_REAUTH_REQUIRED", [], row.id);

  if (provider.authType !== "oauth2") return issueStoredCredential(db, scope, provider, row, grant, now);
  let fresh;
  try {
    fresh = await ensureFreshToken(db, provider, row, { reqId });
  } catch (err) {
    // invalid_grant, no refresh token, or a provider that stays down: the end user must authorize again (AuthOS).
    if (err instanceof ApiError && (err.code === "TOKEN_EXPIRED" || err.code === "PROVIDER_ERROR")) return actionRequired("PROVIDER_REAUTH_REQUIRED", [], row.id);
    throw err;
  }
  const after = fresh.connection.refreshedAt;
  const refreshed = after !== null && after.getTime() !== row.refreshedAt?.getTime() && firstToSee(row.id, after);
  recordIssue(db, scope, grant, refreshed, now);
  return {
    status: "ok",
    access_token: fresh.accessToken,
    expires_at: fresh.expiresAt ? rfc3339Now(fresh.expiresAt) : null,
    scopes: grant.scopes,
    provider: provider.code,
    account: accountOf(fresh.connection),
  };
}

async function issueStoredCredential(db: Db, scope: ServiceScope, provider: ApiKeyProvider | MtprotoProvider, row: Connection, grant: ServiceGrant, now: Date): Promise<ProviderTokenAnswer> {
  const fields = openFields(row);
  const { [provider.accessTokenField]: accessToken, ...rest } = fields;
  if (!accessToken) throw new Error(`connection ${row.id} holds no credential`);
  recordIssue(db, scope, grant, false, now);
  const base = { status: "ok" as const, access_token: accessToken, expires_at: null, scopes: grant.scopes, provider: provider.code, account: accountOf(row) };
  if (provider.authType === "mtproto") {
    const e = env();
    return { ...base, type: "mtproto", api_id: Number(e.TELEGRAM_API_ID), api_hash: e.TELEGRAM_API_HASH ?? "" };
  }
  return { ...base, type: "api_key", fields: rest };
}

const grantStamps = createStampQueue<{ id: string; at: Date }>("grant last-used stamp", stampGrantsUsed);

/**
 * `provider_token.issued` (and `provider_token.refreshed`) for every token handed out, and the
 * grant's last-use stamp at most every 30 s per process: both after the response, batched
 * (db/write-batcher.ts), as /tokens/fetch writes its activity rows and connection stamps.
 */
function recordIssue(db: Db, scope: ServiceScope, grant: ServiceGrant, refreshed: boolean, now: Date): void {
  const event = { orgId: scope.orgId, serviceId: scope.serviceId, serviceKeyId: scope.keyId ?? null, targetType: "service_grant", targetId: grant.id, createdAt: now };
  const detail = { service_id: scope.serviceId, user_id: grant.endUserId, provider: grant.provider, scopes: grant.scopes, grant_id: grant.id };
  if (refreshed) defer(() => queueOrgEvent(db, { ...event, action: "provider_token.refreshed", detail }));
  defer(() => queueOrgEvent(db, { ...event, action: "provider_token.issued", detail }));
  if (grantStamps.due(grant.id, now.getTime())) defer(() => grantStamps.queue(db, { id: grant.id, at: now }));
}
