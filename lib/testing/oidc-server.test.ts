/**
 * The OAuth test peer itself, exercised with oauth4webapi and plain fetch (no Akhrot code):
 * code + PKCE through the scripted login, userinfo, refresh rotation and reuse rejection,
 * PKCE enforcement, counters, injected token-endpoint faults, denial, and RFC 9207 `iss`.
 */
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CookieJar, completeLoginAndConsent } from "@/lib/testing/oidc-login";
import { startOidcServer, type OidcServer } from "@/lib/testing/oidc-server";

const REDIRECT_URI = "http://localhost:3210/oauth/callback/google";
const GMAIL = "https://www.googleapis.com/auth/gmail.readonly";
const SCOPE = `openid email profile ${GMAIL} calendar`;
const insecure = { [oauth.allowInsecureRequests]: true } as const;

type Peer = { server: OidcServer; as: oauth.AuthorizationServer; client: oauth.Client };

async function connect(server: OidcServer): Promise<Peer> {
  const issuer = new URL(server.issuer);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
  return { server, as, client: { client_id: server.clientId } };
}

async function authorizeUrl(peer: Peer, params: Record<string, string> = {}) {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(peer.server.urls.authorization);
  url.search = new URLSearchParams({
    client_id: peer.server.clientId,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    ...params,
  }).toString();
  return { url: url.href, codeVerifier, state };
}

/** Authorize as `login` and exchange the code; returns the token response. */
async function fullCodeFlow(peer: Peer, login = "alice", auth: oauth.ClientAuth = oauth.ClientSecretBasic(peer.server.clientSecret)) {
  const { url, codeVerifier, state } = await authorizeUrl(peer);
  const { callbackUrl } = await completeLoginAndConsent(url, { login });
  const params = oauth.validateAuthResponse(peer.as, peer.client, new URL(callbackUrl), state);
  const res = await oauth.authorizationCodeGrantRequest(peer.as, peer.client, auth, params, REDIRECT_URI, codeVerifier, insecure);
  const tokens = await oauth.processAuthorizationCodeResponse(peer.as, peer.client, res);
  return { tokens, callbackUrl };
}

async function refresh(peer: Peer, refreshToken: string) {
  const res = await oauth.refreshTokenGrantRequest(peer.as, peer.client, oauth.ClientSecretBasic(peer.server.clientSecret), refreshToken, insecure);
  return oauth.processRefreshTokenResponse(peer.as, peer.client, res);
}

async function oauthError(promise: Promise<unknown>): Promise<{ error: string; status: number }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof oauth.ResponseBodyError) return { error: err.error, status: err.status };
    // 401s to Basic auth carry the error in a WWW-Authenticate challenge.
    if (err instanceof oauth.WWWAuthenticateChallengeError) return { error: err.cause[0]?.parameters.error ?? "", status: err.status };
    throw err;
  }
  throw new Error("expected an OAuth error response");
}

function tokenPost(server: OidcServer, body: Record<string, string>, signal?: AbortSignal) {
  return fetch(server.urls.token, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${server.clientId}:${server.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(body),
    signal,
  });
}

describe("oidc test server", () => {
  let peer: Peer;

  beforeAll(async () => {
    const server = await startOidcServer({ redirectUris: [REDIRECT_URI], scopes: [GMAIL, "calendar"] });
    peer = await connect(server);
  });
  afterAll(async () => {
    await peer.server.stop();
  });
  beforeEach(() => {
    peer.server.setTokenEndpointFault(null);
    peer.server.resetCounts();
  });

  it("publishes metadata matching its urls, with PKCE S256 only and RFC 9207 iss support", () => {
    const { as, server } = peer;
    expect(server.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(as.issuer).toBe(server.issuer);
    expect(as.authorization_endpoint).toBe(server.urls.authorization);
    expect(as.token_endpoint).toBe(server.urls.token);
    expect(as.userinfo_endpoint).toBe(server.urls.userinfo);
    expect(as.revocation_endpoint).toBe(server.urls.revocation);
    expect(as.jwks_uri).toBe(server.urls.jwks);
    expect(as.code_challenge_methods_supported).toEqual(["S256"]);
    expect(as.authorization_response_iss_parameter_supported).toBe(true);
    expect(as.scopes_supported).toEqual(expect.arrayContaining(["openid", "email", "profile", "offline_access", GMAIL, "calendar"]));
  });

  it("runs code + PKCE, userinfo, refresh rotation and reuse rejection end to end", async () => {
    const started = performance.now();
    const { tokens, callbackUrl } = await fullCodeFlow(peer);
    const callback = new URL(callbackUrl);
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("code")).toBeTruthy();
    expect(callback.searchParams.get("iss")).toBe(peer.server.issuer);

    expect(tokens.token_type.toLowerCase()).toBe("bearer");
    expect(tokens.expires_in).toBe(60);
    expect(tokens.refresh_token).toBeTruthy(); // no offline_access requested
    expect(tokens.scope?.split(" ").sort()).toEqual(["calendar", "email", GMAIL, "openid", "profile"].sort());

    const userinfo = await oauth.processUserInfoResponse(
      peer.as,
      peer.client,
      "alice",
      await oauth.userInfoRequest(peer.as, peer.client, tokens.access_token, insecure),
    );
    expect(userinfo).toMatchObject({ sub: "alice", email: "alice@example.test", name: "Test User alice" });
    expect(await peer.server.accessTokenWorks(tokens.access_token)).toBe(true);

    const oldRefresh = tokens.refresh_token ?? "";
    const refreshed = await refresh(peer, oldRefresh);
    expect(refreshed.access_token).toBeTruthy();
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(oldRefresh);
    expect(await peer.server.accessTokenWorks(refreshed.access_token)).toBe(true);

    expect(await oauthError(refresh(peer, oldRefresh))).toEqual({ error: "invalid_grant", status: 400 });
    const elapsed = performance.now() - started;
    console.info(`[oidc-server] full flow (authorize+login+consent+code+userinfo+refresh+reuse) took ${elapsed.toFixed(0)} ms`);

    // oidc-provider treats reuse as theft: the whole grant is revoked, rotated tokens included.
    expect(await oauthError(refresh(peer, refreshed.refresh_token ?? ""))).toEqual({ error: "invalid_grant", status: 400 });
    expect(await peer.server.accessTokenWorks(refreshed.access_token)).toBe(false);
  });

  it("accepts client_secret_post as well as client_secret_basic", async () => {
    const { tokens } = await fullCodeFlow(peer, "bob", oauth.ClientSecretPost(peer.server.clientSecret));
    expect(tokens.refresh_token).toBeTruthy();
  });

  it("rejects a wrong client secret with invalid_client", async () => {
    const { url, codeVerifier, state } = await authorizeUrl(peer);
    const { callbackUrl } = await completeLoginAndConsent(url, { login: "carol" });
    const params = oauth.validateAuthResponse(peer.as, peer.client, new URL(callbackUrl), state);
    const res = await oauth.authorizationCodeGrantRequest(peer.as, peer.client, oauth.ClientSecretBasic("wrong"), params, REDIRECT_URI, codeVerifier, insecure);
    expect(await oauthError(oauth.processAuthorizationCodeResponse(peer.as, peer.client, res))).toEqual({ error: "invalid_client", status: 401 });
  });

  it("refuses authorization without PKCE, and a code exchange with the wrong verifier", async () => {
    const url = new URL(peer.server.urls.authorization);
    url.search = new URLSearchParams({ client_id: peer.server.clientId, response_type: "code", redirect_uri: REDIRECT_URI, scope: SCOPE, state: "s1" }).toString();
    const { callbackUrl } = await completeLoginAndConsent(url.href, { login: "alice" });
    const callback = new URL(callbackUrl);
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("error_description")).toMatch(/PKCE/);
    expect(callback.searchParams.get("code")).toBeNull();
    expect(callback.searchParams.get("iss")).toBe(peer.server.issuer);

    const plain = await authorizeUrl(peer, { code_challenge: "x".repeat(43), code_challenge_method: "plain" });
    const plainCallback = new URL((await completeLoginAndConsent(plain.url, { login: "alice" })).callbackUrl);
    expect(plainCallback.searchParams.get("error")).toBe("invalid_request");

    const { url: goodUrl, state } = await authorizeUrl(peer);
    const good = await completeLoginAndConsent(goodUrl, { login: "alice" });
    const params = oauth.validateAuthResponse(peer.as, peer.client, new URL(good.callbackUrl), state);
    const res = await oauth.authorizationCodeGrantRequest(
      peer.as,
      peer.client,
      oauth.ClientSecretBasic(peer.server.clientSecret),
      params,
      REDIRECT_URI,
      oauth.generateRandomCodeVerifier(),
      insecure,
    );
    expect(await oauthError(oauth.processAuthorizationCodeResponse(peer.as, peer.client, res))).toEqual({ error: "invalid_grant", status: 400 });
  });

  it("requires redirect_uri even though only one is registered", async () => {
    const { url } = await authorizeUrl(peer);
    const withoutRedirect = new URL(url);
    withoutRedirect.searchParams.delete("redirect_uri");
    await expect(completeLoginAndConsent(withoutRedirect.href, { login: "alice" })).rejects.toThrow(/HTTP 400.*redirect_uri/);
  });

  it("ends with error=access_denied (and iss) when the user cancels at consent", async () => {
    const { url, state } = await authorizeUrl(peer);
    const { callbackUrl } = await completeLoginAndConsent(url, { login: "dave", deny: true });
    const callback = new URL(callbackUrl);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(state);
    expect(callback.searchParams.get("iss")).toBe(peer.server.issuer);
    expect(callback.searchParams.get("code")).toBeNull();
  });

  it("keeps the provider session in a shared jar: a second authorization skips login and consent", async () => {
    const jar = new CookieJar();
    const first = await authorizeUrl(peer);
    await completeLoginAndConsent(first.url, { login: "erin", jar });
    expect(jar.get(peer.server.issuer + "/auth", "_session")).toBeTruthy();
    const second = await authorizeUrl(peer);
    const { callbackUrl } = await completeLoginAndConsent(second.url, { login: "ignored", jar });
    const params = oauth.validateAuthResponse(peer.as, peer.client, new URL(callbackUrl), second.state);
    const res = await oauth.authorizationCodeGrantRequest(peer.as, peer.client, oauth.ClientSecretBasic(peer.server.clientSecret), params, REDIRECT_URI, second.codeVerifier, insecure);
    const tokens = await oauth.processAuthorizationCodeResponse(peer.as, peer.client, res);
    expect(oauth.getValidatedIdTokenClaims(tokens)?.sub).toBe("erin");
  });

  it("counts token, refresh, code, revocation and userinfo requests (not accessTokenWorks probes)", async () => {
    const { tokens } = await fullCodeFlow(peer);
    await oauth.userInfoRequest(peer.as, peer.client, tokens.access_token, insecure).then((r) => r.arrayBuffer());
    expect(await peer.server.accessTokenWorks(tokens.access_token)).toBe(true);
    const refreshed = await refresh(peer, tokens.refresh_token ?? "");
    await oauthError(refresh(peer, tokens.refresh_token ?? "")); // reuse: still a counted refresh grant
    const revoke = await oauth.revocationRequest(peer.as, peer.client, oauth.ClientSecretBasic(peer.server.clientSecret), refreshed.access_token, insecure);
    await oauth.processRevocationResponse(revoke);
    expect(peer.server.counts).toEqual({ tokenRequests: 3, refreshGrants: 2, codeGrants: 1, revocations: 1, userinfo: 1 });
    peer.server.resetCounts();
    expect(peer.server.counts).toEqual({ tokenRequests: 0, refreshGrants: 0, codeGrants: 0, revocations: 0, userinfo: 0 });
  });

  it("revocation kills the revoked token (access token, and refresh token for later grants)", async () => {
    const { tokens } = await fullCodeFlow(peer);
    const auth = oauth.ClientSecretBasic(peer.server.clientSecret);
    await oauth.processRevocationResponse(await oauth.revocationRequest(peer.as, peer.client, auth, tokens.access_token, insecure));
    expect(await peer.server.accessTokenWorks(tokens.access_token)).toBe(false);
    await oauth.processRevocationResponse(await oauth.revocationRequest(peer.as, peer.client, auth, tokens.refresh_token ?? "", insecure));
    expect(await oauthError(refresh(peer, tokens.refresh_token ?? ""))).toEqual({ error: "invalid_grant", status: 400 });
  });

  it("fault 'down' answers 503 and counts the request", async () => {
    const { tokens } = await fullCodeFlow(peer);
    peer.server.resetCounts();
    peer.server.setTokenEndpointFault("down");
    const res = await tokenPost(peer.server, { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" });
    expect(res.status).toBe(503);
    await res.arrayBuffer();
    expect(peer.server.counts).toMatchObject({ tokenRequests: 1, refreshGrants: 1 });
    peer.server.setTokenEndpointFault(null);
    expect((await refresh(peer, tokens.refresh_token ?? "")).access_token).toBeTruthy(); // the fault consumed nothing
  });

  it("fault 'invalid_grant' rejects refresh grants only, without consuming the refresh token", async () => {
    const { url, codeVerifier, state } = await authorizeUrl(peer);
    const { callbackUrl } = await completeLoginAndConsent(url, { login: "frank" });
    peer.server.setTokenEndpointFault("invalid_grant");
    // A code exchange still goes through while the fault is on.
    const params = oauth.validateAuthResponse(peer.as, peer.client, new URL(callbackUrl), state);
    const codeRes = await oauth.authorizationCodeGrantRequest(peer.as, peer.client, oauth.ClientSecretBasic(peer.server.clientSecret), params, REDIRECT_URI, codeVerifier, insecure);
    const tokens = await oauth.processAuthorizationCodeResponse(peer.as, peer.client, codeRes);

    const res = await tokenPost(peer.server, { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "invalid_grant", error_description: "Token has been expired or revoked." });
    expect(await oauthError(refresh(peer, tokens.refresh_token ?? ""))).toEqual({ error: "invalid_grant", status: 400 });
    expect(peer.server.counts).toMatchObject({ tokenRequests: 3, codeGrants: 1, refreshGrants: 2 });

    peer.server.setTokenEndpointFault(null);
    expect((await refresh(peer, tokens.refresh_token ?? "")).refresh_token).toBeTruthy();
  });

  it("fault 'hang' never answers: a fetch with AbortSignal.timeout(500) aborts", async () => {
    peer.server.setTokenEndpointFault("hang");
    const started = performance.now();
    const error = await tokenPost(peer.server, { grant_type: "refresh_token", refresh_token: "whatever" }, AbortSignal.timeout(500)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("TimeoutError");
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    expect(peer.server.counts).toMatchObject({ tokenRequests: 1, refreshGrants: 1 });
  });
});

describe("oidc test server lifecycle", () => {
  it("stop() cuts hanging token requests instead of waiting for them", async () => {
    const server = await startOidcServer({ redirectUris: [REDIRECT_URI] });
    server.setTokenEndpointFault("hang");
    const pending = tokenPost(server, { grant_type: "refresh_token", refresh_token: "x" }).then(
      () => "answered",
      () => "failed",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await server.stop();
    expect(await pending).toBe("failed");
    expect(performance.now() - started).toBeLessThan(1000);
    await server.stop(); // idempotent
  });

  it("access tokens expire after accessTokenTtl seconds (clockTolerance 0)", async () => {
    const ttlMs = 3_000;
    const server = await startOidcServer({ redirectUris: [REDIRECT_URI], accessTokenTtl: ttlMs / 1000, clientId: "short", clientSecret: "short-secret" });
    try {
      const peer = await connect(server);
      /**
       * Issued between `before` and `after`; `exp` counts from the issuing second, so it can fall up
       * to 1 s before issue + TTL. It must work when asked well inside that (a machine stalled for
       * seconds cannot say), and must be refused once it has surely passed.
       */
      const expectLifetime = async (token: string, before: number, after: number) => {
        const works = await server.accessTokenWorks(token);
        if (Date.now() - before < ttlMs - 1_000) expect(works).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, after + ttlMs + 1_100 - Date.now())));
        expect(await server.accessTokenWorks(token)).toBe(false);
      };
      let before = Date.now();
      const { tokens } = await fullCodeFlow(peer);
      expect(tokens.expires_in).toBe(ttlMs / 1000);
      await expectLifetime(tokens.access_token, before, Date.now());
      before = Date.now();
      const refreshed = await refresh(peer, tokens.refresh_token ?? "");
      const works = await server.accessTokenWorks(refreshed.access_token);
      if (Date.now() - before < ttlMs - 1_000) expect(works).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it("rejects bad configuration without leaving a listener behind", async () => {
    await expect(startOidcServer({ redirectUris: [] })).rejects.toThrow(/redirectUris/);
    await expect(startOidcServer({ redirectUris: ["not a url"] })).rejects.toThrow(/redirect_uris/);
  });

  it("honours a fixed port", async () => {
    const probe = await startOidcServer({ redirectUris: [REDIRECT_URI] });
    const port = Number(new URL(probe.issuer).port);
    await probe.stop();
    const server = await startOidcServer({ redirectUris: [REDIRECT_URI], port });
    try {
      expect(server.issuer).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await server.stop();
    }
  });
});
