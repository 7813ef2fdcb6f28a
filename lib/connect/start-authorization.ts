/**
 * The human pressed "Continue" on /connect/{id}: arm the session with a fresh state and PKCE
 * verifier and return the provider URL. The state's digest is taken together with a random
 * browser binding that only the human's browser holds (an HttpOnly cookie), so a callback
 * URL replayed from elsewhere, or a state lifted from a log, matches nothing.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { armConnectSession, findConnectSession } from "@/db/queries/connect-sessions";
import { encryptSecret, sha256Hex } from "@/lib/crypto";
import { buildAuthorizationUrl, resolveClientConfig } from "@/lib/oauth";
import { getProvider } from "@/lib/providers";
import { ownerMayAct } from "@/lib/users/account-may-act";
import { effectiveStatus } from "./session-status";

export const BINDING_COOKIE_PREFIX = "akh_cb_";

export const stateDigest = (state: string, binding: string) => sha256Hex(`${state}.${binding}`);
export const redirectUriFor = (baseUrl: string, provider: string) => `${baseUrl}/oauth/callback/${provider}`;

export type StartResult =
  | { ok: true; redirectTo: string; cookie: { name: string; value: string; maxAge: number } }
  | { ok: false; reason: "not_found" | "not_pending" | "not_oauth" | "unverified" };

export async function startAuthorization(db: Db, sessionId: string, baseUrl: string, now = new Date()): Promise<StartResult> {
  const session = await findConnectSession(db, sessionId);
  if (!session) return { ok: false, reason: "not_found" };
  if (effectiveStatus(session, now) !== "pending") return { ok: false, reason: "not_pending" };
  if (!(await ownerMayAct(db, session.userId))) return { ok: false, reason: "unverified" };
  const provider = getProvider(session.provider);
  if (provider?.authType !== "oauth2") return { ok: false, reason: "not_oauth" };
  const cfg = resolveClientConfig(provider);
  const state = randomBytes(32).toString("base64url");
  const binding = randomBytes(32).toString("base64url");
  const auth = await buildAuthorizationUrl(cfg, { redirectUri: redirectUriFor(baseUrl, provider.code), state, scopes: session.scopes });
  const verifierEnc = auth.codeVerifier ? encryptSecret(auth.codeVerifier, `${session.id}:code_verifier`) : null;
  const armed = await armConnectSession(db, session.id, stateDigest(state, binding), verifierEnc, now);
  if (!armed) return { ok: false, reason: "not_pending" };
  const maxAge = Math.max(1, Math.floor((armed.expiresAt.getTime() - now.getTime()) / 1000));
  return { ok: true, redirectTo: auth.url, cookie: { name: `${BINDING_COOKIE_PREFIX}${session.id.slice(3, 11)}`, value: binding, maxAge } };
}
