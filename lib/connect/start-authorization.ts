/**
 * The human pressed "Continue" on /connect/{id}: arm the session with a fresh state and PKCE
 * verifier and return the provider URL. The state's digest is taken together with a random
 * browser binding that only the human's browser holds (an HttpOnly cookie), so a callback
 * URL replayed from elsewhere, or a state lifted from a log, matches nothing.
 *
 * Armed once (S11): the first Continue records the binding's digest; a later Continue from a
 * browser without that binding is refused ("armed_elsewhere"), so nobody else holding the
 * link can take over a flow the owner started. The same browser may retry (its binding comes
 * back through a second cookie scoped to the link's own path).
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { armConnectSession, findConnectSession } from "@/db/queries/connect-sessions";
import { listConnectionsForUser } from "@/db/queries/connections";
import { encryptSecret, sha256Hex } from "@/lib/crypto";
import { buildAuthorizationUrl, resolveClientConfig } from "@/lib/oauth";
import { getProvider } from "@/lib/providers";
import { ownerMayAct } from "@/lib/users/account-may-act";
import { effectiveStatus } from "./session-status";

export const BINDING_COOKIE_PREFIX = "akh_cb_";
/** The same binding, sent back to /connect/{id}/start only: lets the browser that armed a link retry. */
export const REARM_COOKIE_PREFIX = "akh_cr_";

export const stateDigest = (state: string, binding: string) => sha256Hex(`${state}.${binding}`);
export const redirectUriFor = (baseUrl: string, provider: string) => `${baseUrl}/oauth/callback/${provider}`;
export const bindingCookieSuffix = (sessionId: string) => sessionId.slice(3, 11);

export type StartResult =
  | { ok: true; redirectTo: string; sessionId: string; cookie: { name: string; value: string; maxAge: number } }
  | { ok: false; reason: "not_found" | "not_pending" | "not_oauth" | "armed_elsewhere" | "unverified" };

export async function startAuthorization(
  db: Db,
  sessionId: string,
  baseUrl: string,
  /** `makeDefault`: the person's answer on the connect page, applied when the callback saves the account. */
  opts: { browserBinding?: string; makeDefault?: boolean } = {},
  now = new Date(),
): Promise<StartResult> {
  const session = await findConnectSession(db, sessionId);
  // Grant sessions (no dashboard owner) are armed only by lib/provider-tokens, never through /connect/{id}.
  const ownerId = session?.userId;
  if (!session || !ownerId) return { ok: false, reason: "not_found" };
  if (effectiveStatus(session, now) !== "pending") return { ok: false, reason: "not_pending" };
  if (!(await ownerMayAct(db, ownerId))) return { ok: false, reason: "unverified" };
  const provider = getProvider(session.provider);
  if (provider?.authType !== "oauth2") return { ok: false, reason: "not_oauth" };
  const binding = opts.browserBinding && /^[A-Za-z0-9_-]{43}$/.test(opts.browserBinding) ? opts.browserBinding : randomBytes(32).toString("base64url");
  const browserBindingHash = sha256Hex(binding);
  if (session.browserBindingHash && session.browserBindingHash !== browserBindingHash) return { ok: false, reason: "armed_elsewhere" };
  const cfg = resolveClientConfig(provider);
  const state = randomBytes(32).toString("base64url");
  const ownerHasConnection = (await listConnectionsForUser(db, ownerId, provider.code)).length > 0;
  const auth = await buildAuthorizationUrl(cfg, { redirectUri: redirectUriFor(baseUrl, provider.code), state, scopes: session.scopes, ownerHasConnection });
  const codeVerifierEnc = auth.codeVerifier ? encryptSecret(auth.codeVerifier, `${session.id}:code_verifier`) : null;
  const armed = await armConnectSession(db, session.id, { stateHash: stateDigest(state, binding), codeVerifierEnc, browserBindingHash, makeDefault: opts.makeDefault }, now);
  if (!armed) {
    // Lost a race: another browser armed it between the read and the conditional UPDATE.
    const again = await findConnectSession(db, session.id);
    const elsewhere = again && effectiveStatus(again, now) === "pending" && again.browserBindingHash !== browserBindingHash;
    return { ok: false, reason: elsewhere ? "armed_elsewhere" : "not_pending" };
  }
  const maxAge = Math.max(1, Math.floor((armed.expiresAt.getTime() - now.getTime()) / 1000));
  return { ok: true, redirectTo: auth.url, sessionId: session.id, cookie: { name: `${BINDING_COOKIE_PREFIX}${bindingCookieSuffix(session.id)}`, value: binding, maxAge } };
}
