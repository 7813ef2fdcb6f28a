/**
 * A scripted agent and human for integration tests, through the REAL route handlers: the
 * agent creates a connect session and fetches tokens with its key; the human, signed in to the
 * dashboard as the key's owner, opens the link (CSRF token), presses Continue on the hosted
 * page, logs in and consents at the local OAuth server (oidc-provider),
 * and the browser returns to the one callback with its binding cookie. Used by tests and benches
 * (so it throws instead of using a test framework's assertions).
 */
import { NextRequest } from "next/server";
import type { Db } from "@/db";
import { GET as callback } from "@/app/oauth/callback/[provider]/route";
import { POST as createSession } from "@/app/oauth/sessions/route";
import { POST as fetchTokenRoute } from "@/app/tokens/fetch/route";
import { resetEnvCache } from "@/lib/env";
import { getProvider } from "@/lib/providers";
import { makeKey, makeUser, params, request } from "./fixtures";
import { LinkBrowser } from "./link-browser";
import { completeLoginAndConsent } from "./oidc-login";
import { googleEnvFor, startOidcServer, type OidcServer } from "./oidc-server";

export const BASE = "http://localhost:3000";

export type Agent = { key: string; userId: string };
export type JsonAnswer = {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown> & { error?: { code: string; message: string; missingScopes?: string[] } };
};

/** Start oidc-provider and point the `google` provider at it through the env overrides. */
export async function startGoogleIdp(opts: { extraScopes?: string[]; clientSecret?: string } = {}): Promise<OidcServer> {
  const google = getProvider("google");
  if (google?.authType !== "oauth2") throw new Error("catalog lacks google");
  const idp = await startOidcServer({
    redirectUris: [`${BASE}/oauth/callback/google`],
    accessTokenTtl: 3600,
    scopes: [...google.oauth.scopes, ...(opts.extraScopes ?? [])],
    clientSecret: opts.clientSecret,
  });
  Object.assign(process.env, googleEnvFor(idp));
  resetEnvCache();
  return idp;
}

export async function newAgent(db: Db): Promise<Agent> {
  const user = await makeUser(db);
  return { key: (await makeKey(db, user.id)).key, userId: user.id };
}

export async function post(route: typeof fetchTokenRoute, path: string, key: string, body: unknown): Promise<JsonAnswer> {
  const res = await route(request(path, { method: "POST", key, body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as JsonAnswer["body"] };
}

/** Agent asks for a session; the human (signed in as the key's owner) opens it and presses Continue. */
/** `fields`: what else the Continue form posts (the "make it the default?" answer). */
export async function humanStartsFlow(agent: Agent, body: Record<string, unknown> = { provider: "google" }, browser?: LinkBrowser, fields?: Record<string, string>) {
  const created = await post(createSession, "/oauth/sessions", agent.key, body);
  if (created.status !== 201) throw new Error(`POST /oauth/sessions answered ${created.status}: ${created.text}`);
  const sessionId = String(created.body.sessionId);
  const human = browser ?? (await new LinkBrowser().signIn({ id: agent.userId }));
  await human.open(sessionId);
  const start = await human.start(sessionId, { fields });
  if (start.status !== 303) throw new Error(`POST /connect/{id}/start answered ${start.status}: ${await start.text()}`);
  const location = start.headers.get("location") ?? "";
  const cookie = start.headers.getSetCookie().find((c) => c.startsWith("akh_cb_"))?.split(";")[0] ?? "";
  return { sessionId, location, cookie, created: created.body, browser: human };
}

export async function runCallback(url: string, cookie: string, provider = "google") {
  const res = await callback(new NextRequest(url, { headers: { cookie } }), params({ provider }));
  return { status: res.status, location: res.headers.get("location") ?? "" };
}

/** The whole connect: session → Continue → provider login + consent → callback. */
export async function connect(agent: Agent, login = "alice", fields?: Record<string, string>) {
  const flow = await humanStartsFlow(agent, undefined, undefined, fields);
  const { callbackUrl } = await completeLoginAndConsent(flow.location, { login });
  const cb = await runCallback(callbackUrl, flow.cookie);
  return { ...flow, callbackUrl, cb };
}

export function fetchToken(agent: Agent, body: Record<string, unknown> = { provider: "google" }): Promise<JsonAnswer> {
  return post(fetchTokenRoute, "/tokens/fetch", agent.key, body);
}
