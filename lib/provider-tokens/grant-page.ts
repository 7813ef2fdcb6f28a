/**
 * The hosted grant page, GET and Continue (`/connect/provider-token/{state}`). No Akhrot login:
 * the state in the URL is the capability (15 minutes, single use, only its hash stored). Continue
 * is a same-origin form post carrying this render's CSRF token, and arms the request once to
 * one browser (its binding's hash); then the provider through the one engine, and back through
 * the one callback, whose connect session names this request instead of a dashboard user.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { armConnectSession, insertConnectSession } from "@/db/queries/connect-sessions";
import { findLinkedEndUser } from "@/db/queries/end-users";
import { armTokenRequest, findServiceProvider, findTokenRequestByHash } from "@/db/queries/provider-tokens";
import { findServiceById } from "@/db/queries/services";
import type { ProviderTokenRequest, ServiceRow } from "@/db/schema";
import { SESSION_TTL_MS } from "@/lib/connect/create-connect-session";
import { redirectUriFor, stateDigest } from "@/lib/connect/start-authorization";
import { encryptSecret, randomId, sha256Hex } from "@/lib/crypto";
import { buildAuthorizationUrl, resolveClientConfig } from "@/lib/oauth";
import { getProvider, type Provider } from "@/lib/providers";
import { completeKeyGrant, failGrant } from "./complete-grant";
import { identityScopes } from "./issue-provider-token";
import { isRequestState } from "./token-request";

export type GrantPage =
  | { kind: "open"; request: ProviderTokenRequest; service: ServiceRow; provider: Provider; scopes: string[] }
  | { kind: "gone"; redirectTo: string }
  | { kind: "not_found" };

/** The request behind a link: open, expired (→ back to the service with the error), or nothing (unknown, used, canceled). */
export async function loadGrantPage(db: Db, state: string, now = new Date()): Promise<GrantPage> {
  if (!isRequestState(state)) return { kind: "not_found" };
  const request = await findTokenRequestByHash(db, sha256Hex(state));
  if (!request || request.status !== "pending") return { kind: "not_found" };
  if (request.expiresAt <= now) return { kind: "gone", redirectTo: await failGrant(db, request.id, "request_expired", now) };
  const [service, linked, config] = await Promise.all([findServiceById(db, request.serviceId), findLinkedEndUser(db, request.serviceId, request.endUserId), findServiceProvider(db, request.serviceId, request.provider)]);
  const provider = getProvider(request.provider);
  if (!service || !provider) return { kind: "not_found" };
  if (!linked) return { kind: "gone", redirectTo: await failGrant(db, request.id, "user_not_linked", now) };
  // AuthOS step 2: the service may have narrowed its allow-list since the request was made.
  if (!config?.enabled || !request.requestedScopes.every((s) => config.scopes.includes(s))) return { kind: "gone", redirectTo: await failGrant(db, request.id, "scope_not_granted", now) };
  return { kind: "open", request, service, provider, scopes: request.requestedScopes };
}

/** The hidden field of Telegram's "Sign in with your phone number" button (vs. the session-string paste form). */
export const TELEGRAM_LOGIN_FIELD = "telegram_login";

/** The link's per-render CSRF cookie and the cookie that holds the browser binding it was armed to (both scoped to the link's path). */
export const grantCsrfCookie = (state: string) => `akh_pt_${sha256Hex(state).slice(0, 12)}`;
export const grantRearmCookie = (state: string) => `akh_pr_${sha256Hex(state).slice(0, 12)}`;

/** The Telegram login of a grant: the link's own path plus the ownerless connect session it armed. */
export const telegramGrantPath = (state: string, sessionId: string) => `/connect/provider-token/${state}/telegram?session=${sessionId}`;

export type GrantStart =
  | { ok: true; redirectTo: string; sessionId: string; cookie: { value: string; maxAge: number } }
  | { ok: false; reason: "not_found" | "armed_elsewhere" | "not_oauth"; redirectTo?: string };

/**
 * Continue: arm the request to this browser and open a connect session, for the callback
 * (OAuth: returns the provider URL) or for the Telegram login (returns its page on this site).
 */
export async function startGrant(db: Db, state: string, baseUrl: string, opts: { browserBinding?: string } = {}, now = new Date()): Promise<GrantStart> {
  const page = await loadGrantPage(db, state, now);
  if (page.kind === "gone") return { ok: false, reason: "not_found", redirectTo: page.redirectTo };
  if (page.kind !== "open") return { ok: false, reason: "not_found" };
  const { request, provider } = page;
  if (provider.authType === "api_key") return { ok: false, reason: "not_oauth" };
  const binding = opts.browserBinding && /^[A-Za-z0-9_-]{43}$/.test(opts.browserBinding) ? opts.browserBinding : randomBytes(32).toString("base64url");
  if (!(await armTokenRequest(db, request.id, sha256Hex(binding)))) return { ok: false, reason: "armed_elsewhere" };
  const sessionId = randomId("cs");
  const expiresAt = new Date(Math.min(now.getTime() + SESSION_TTL_MS, request.expiresAt.getTime()));
  const maxAge = Math.max(1, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  if (provider.authType === "mtproto") {
    // Telegram: no provider to leave for; the phone login runs on our own page, in this browser only.
    await insertConnectSession(db, { id: sessionId, userId: null, providerTokenRequestId: request.id, provider: provider.code, scopes: [], expiresAt });
    return { ok: true, redirectTo: `${baseUrl}${telegramGrantPath(state, sessionId)}`, sessionId, cookie: { value: binding, maxAge } };
  }
  const cfg = resolveClientConfig(provider);
  // Only what the service asked for, plus the identity scopes the engine needs to name the account.
  const scopes = [...new Set([...identityScopes(provider), ...request.requestedScopes])];
  await insertConnectSession(db, { id: sessionId, userId: null, providerTokenRequestId: request.id, provider: provider.code, scopes, expiresAt });
  const oauthState = randomBytes(32).toString("base64url");
  const auth = await buildAuthorizationUrl(cfg, { redirectUri: redirectUriFor(baseUrl, provider.code), state: oauthState, scopes, ownerHasConnection: request.connectionId !== null });
  const codeVerifierEnc = auth.codeVerifier ? encryptSecret(auth.codeVerifier, `${sessionId}:code_verifier`) : null;
  const armed = await armConnectSession(db, sessionId, { stateHash: stateDigest(oauthState, binding), codeVerifierEnc, browserBindingHash: sha256Hex(binding) }, now);
  if (!armed) throw new Error("a fresh connect session could not be armed");
  return { ok: true, redirectTo: auth.url, sessionId, cookie: { value: binding, maxAge } };
}

export type KeySubmit = { ok: true; redirectTo: string } | { ok: false; page?: Extract<GrantPage, { kind: "open" }>; errors: Record<string, string>; redirectTo?: string };

/** The paste form of an API-key provider (or a Telegram session import) on the hosted page. */
export async function submitGrantKey(db: Db, state: string, values: Record<string, unknown>, now = new Date()): Promise<KeySubmit> {
  const page = await loadGrantPage(db, state, now);
  if (page.kind === "gone") return { ok: false, errors: {}, redirectTo: page.redirectTo };
  if (page.kind !== "open" || page.provider.authType === "oauth2") return { ok: false, errors: { _form: "This link does not take a pasted key." } };
  const done = await completeKeyGrant(db, page.request, page.service, page.provider, values, now);
  return done.ok ? done : { ok: false, page, errors: done.errors };
}
