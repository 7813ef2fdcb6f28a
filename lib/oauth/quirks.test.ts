import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getProvider, type OAuthProvider } from "@/lib/providers";
import { buildAuthorizationUrl } from "./authorization-url";
import type { ClientConfig } from "./client-config";
import { exchangeCode, validateCallback } from "./exchange-code";
import { classifyProviderError, ProviderCallError } from "./provider-call-error";
import { refreshAccessToken } from "./refresh-access-token";

function oauthProvider(code: string): OAuthProvider {
  const p = getProvider(code);
  if (p?.authType !== "oauth2") throw new Error(`${code} is not an OAuth provider`);
  return p;
}

/** A token endpoint that answers whatever the test queues, and records what it received. */
let server: Server;
let base = "";
const answers: { status: number; type: string; body: string }[] = [];
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      const a = answers.shift() ?? { status: 500, type: "text/plain", body: "no answer queued" };
      res.writeHead(a.status, { "content-type": a.type }).end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function cfg(code: string): ClientConfig {
  const provider = oauthProvider(code);
  return { provider, clientId: "cid", clientSecret: "csecret", authorizationUrl: `${base}/authorize`, tokenUrl: `${base}/token`, refreshUrl: `${base}/token`, issuer: base, insecureLoopback: true };
}

/** Callback parameters as production gets them: through validateCallback (state checked). */
const callback = (code: string) => validateCallback(cfg(code), new URLSearchParams({ code: "the-code", state: "st" }), "st");

describe("authorization URL", () => {
  it("google: PKCE S256, offline access, consent prompt, space-separated scopes", async () => {
    const { url, codeVerifier } = await buildAuthorizationUrl(cfg("google"), { redirectUri: "https://a.example/oauth/callback/google", state: "s", scopes: ["openid", "email"] });
    const p = new URL(url).searchParams;
    expect(p.get("code_challenge_method")).toBe("S256");
    expect(p.get("code_challenge")).toBe(await oauth.calculatePKCECodeChallenge(codeVerifier ?? ""));
    expect(p.get("access_type")).toBe("offline");
    expect(p.get("prompt")).toBe("consent");
    expect(p.get("scope")).toBe("openid email");
    expect(p.get("redirect_uri")).toBe("https://a.example/oauth/callback/google");
  });

  it("S6: google's include_granted_scopes only when the owner already holds a google connection", async () => {
    const first = await buildAuthorizationUrl(cfg("google"), { redirectUri: "https://a.example/oauth/callback/google", state: "s", scopes: ["openid"] });
    expect(new URL(first.url).searchParams.has("include_granted_scopes")).toBe(false);
    const again = await buildAuthorizationUrl(cfg("google"), { redirectUri: "https://a.example/oauth/callback/google", state: "s", scopes: ["openid"], ownerHasConnection: true });
    expect(new URL(again.url).searchParams.get("include_granted_scopes")).toBe("true");
  });

  it("slack: user scopes in user_scope, comma-separated", async () => {
    const { url } = await buildAuthorizationUrl(cfg("slack"), { redirectUri: "https://a.example/cb", state: "s", scopes: ["channels:read", "chat:write"] });
    const p = new URL(url).searchParams;
    expect(p.get("user_scope")).toBe("channels:read,chat:write");
    expect(p.has("scope")).toBe(false);
  });
});

describe("token endpoint quirks", () => {
  it("slack: the user's token comes from authed_user; the team is kept as metadata", async () => {
    answers.push({ status: 200, type: "application/json", body: JSON.stringify({ ok: true, access_token: "xoxb-bot", scope: "bot", team: { id: "T1", name: "Acme" }, authed_user: { id: "U1", scope: "chat:write", access_token: "xoxp-user", token_type: "user" } }) });
    const tokens = await exchangeCode(cfg("slack"), callback("slack"), "https://a.example/cb", null);
    expect(tokens.accessToken).toBe("xoxp-user");
    expect(tokens.scopes).toEqual(["chat:write"]);
    expect(tokens.extras).toMatchObject({ team_id: "T1", team_name: "Acme" });
    expect(JSON.stringify(tokens.extras)).not.toContain("xox");
  });

  it("slack: HTTP 200 ok:false is an error, not a token", async () => {
    answers.push({ status: 200, type: "application/json", body: JSON.stringify({ ok: false, error: "invalid_code" }) });
    const err = await exchangeCode(cfg("slack"), callback("slack"), "https://a.example/cb", null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderCallError);
    expect((err as ProviderCallError).failure).toMatchObject({ kind: "rejected", error: "invalid_grant" });
  });

  it("github: form-encoded answers are understood and JSON is asked for", async () => {
    answers.push({ status: 200, type: "application/x-www-form-urlencoded", body: "access_token=gho_abc&scope=repo%2Cuser&token_type=bearer" });
    const tokens = await exchangeCode(cfg("github"), callback("github"), "https://a.example/cb", null);
    expect(tokens.accessToken).toBe("gho_abc");
    expect(tokens.scopes).toEqual(["repo", "user"]);
    expect(received.at(-1)?.headers.accept).toBe("application/json");
  });

  it("notion: JSON request body with Basic client auth", async () => {
    answers.push({ status: 200, type: "application/json", body: JSON.stringify({ access_token: "ntn_x", token_type: "bearer", workspace_name: "W", owner: { user: { id: "u1" } } }) });
    await exchangeCode(cfg("notion"), callback("notion"), "https://a.example/cb", null);
    const req = received.at(-1);
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req?.body ?? "{}")).toMatchObject({ grant_type: "authorization_code", code: "the-code" });
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from("cid:csecret").toString("base64")}`);
  });

  it("twitch: a scope array is accepted", async () => {
    answers.push({ status: 200, type: "application/json", body: JSON.stringify({ access_token: "t", refresh_token: "r", token_type: "bearer", expires_in: 3600, scope: ["user:read:email", "chat:read"] }) });
    const tokens = await exchangeCode(cfg("twitch"), callback("twitch"), "https://a.example/cb", null);
    expect(tokens.scopes).toEqual(["user:read:email", "chat:read"]);
    expect(tokens.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it("linear: a scope array (apps created before 2023-12-01) is accepted on exchange and refresh", async () => {
    const answer = { status: 200, type: "application/json", body: JSON.stringify({ access_token: "lin_a", refresh_token: "lin_r", token_type: "Bearer", expires_in: 86399, scope: ["read", "write"] }) };
    answers.push(answer, answer);
    expect((await exchangeCode(cfg("linear"), callback("linear"), "https://a.example/cb", null)).scopes).toEqual(["read", "write"]);
    expect((await refreshAccessToken(cfg("linear"), "lin_r")).scopes).toEqual(["read", "write"]);
  });

  it("reddit: a descriptive User-Agent is sent", async () => {
    answers.push({ status: 200, type: "application/json", body: JSON.stringify({ access_token: "r", token_type: "bearer" }) });
    await exchangeCode(cfg("reddit"), callback("reddit"), "https://a.example/cb", null);
    expect(received.at(-1)?.headers["user-agent"]).toMatch(/^akhrot\//);
  });
});

describe("provider failure classification", () => {
  it.each([
    [503, "text/plain", "down", "transient"],
    [400, "application/json", JSON.stringify({ error: "invalid_grant" }), "rejected"],
    [400, "application/json", JSON.stringify({ error: "invalid_client" }), "transient"],
    [200, "application/json", "{not json", "transient"],
  ])("HTTP %i %s → %s", async (status, type, body, kind) => {
    answers.push({ status, type, body });
    const err = await exchangeCode(cfg("google"), callback("google"), "https://a.example/cb", "v".repeat(43)).catch((e: unknown) => e);
    expect((err as ProviderCallError).failure.kind).toBe(kind);
  });

  // X's own words for a dead refresh token (catalog deadGrantErrors) mean re-authorization; any other
  // invalid_request from X (a request of ours it could not parse) stays transient.
  it.each([
    ["Value passed for the token was invalid.", "rejected", "invalid_grant"],
    ["Value passed for the authorization code was invalid.", "rejected", "invalid_grant"],
    ["Missing required parameter [refresh_token].", "transient", "invalid_request"],
  ])("x-twitter: refresh answered invalid_request %j → %s", async (description, kind, error) => {
    answers.push({ status: 400, type: "application/json", body: JSON.stringify({ error: "invalid_request", error_description: description }) });
    const err = await refreshAccessToken(cfg("x-twitter"), "x_r").catch((e: unknown) => e);
    expect((err as ProviderCallError).failure).toMatchObject({ kind, error, description });
  });

  it("the same invalid_request words from a provider without that entry stay transient", async () => {
    answers.push({ status: 400, type: "application/json", body: JSON.stringify({ error: "invalid_request", error_description: "Value passed for the token was invalid." }) });
    const err = await refreshAccessToken(cfg("google"), "g_r").catch((e: unknown) => e);
    expect((err as ProviderCallError).failure.kind).toBe("transient");
  });

  it("a timeout is transient", () => {
    const e = new Error("t");
    e.name = "TimeoutError";
    expect(classifyProviderError(e)).toEqual({ kind: "transient", error: "timeout" });
  });
});
