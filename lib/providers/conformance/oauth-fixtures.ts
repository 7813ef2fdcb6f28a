/**
 * Conformance fixtures: how each OAuth provider's documentation says its endpoints behave,
 * written independently of the catalog entry it checks (the catalog says what Akhrot SENDS,
 * the fixture what the provider ACCEPTS and ANSWERS). tests/integration/provider-conformance
 * builds a local HTTP server from each fixture (lib/testing/conformance-server.ts) and runs
 * connect → fetch → refresh → refusal → disconnect-with-revoke through the one engine.
 * Adding an OAuth provider to the catalog means adding its fixture here (the test fails otherwise).
 */
import type { OAuthFixture } from "./fixture-types";

const bearerError = (error: string, description: string) => ({ status: 400, body: { error, error_description: description }, said: description });

export const oauthFixtures: Record<string, OAuthFixture> = {
  // https://developers.google.com/identity/protocols/oauth2/web-server
  google: {
    authorize: { scopeParam: "scope", separator: " ", params: { access_type: "offline", prompt: "consent" } },
    token: {
      clientAuth: "body",
      format: "form",
      pkce: "S256",
      answer: (t) => ({ access_token: t.access, expires_in: 3599, refresh_token: t.refresh, scope: t.scope, token_type: "Bearer" }),
      // Google does not rotate refresh tokens: the refresh answer has none.
      refreshAnswer: (t) => ({ access_token: t.access, expires_in: 3599, scope: t.scope, token_type: "Bearer" }),
      rotates: false,
      refusal: bearerError("invalid_grant", "Token has been expired or revoked."),
    },
    identity: { method: "GET", answer: { sub: "1100227", email: "alice@example.test", name: "Alice" } },
    account: { id: "1100227", label: "alice@example.test" },
    revocation: { method: "POST", token: "refresh", as: "form", param: "token", clientAuth: "none", status: 200, body: {} },
  },
  // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  github: {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "body",
      format: "form",
      pkce: "S256",
      answerFormat: "form-unless-accept-json",
      // GitHub-App user tokens: 8 h access token with a rotating refresh token.
      answer: (t) => ({ access_token: t.access, expires_in: 28800, refresh_token: t.refresh, refresh_token_expires_in: 15897600, scope: t.scope.replaceAll(" ", ","), token_type: "bearer" }),
      rotates: true,
      // GitHub answers token errors with HTTP 200 and an error body; bad_refresh_token is a dead grant.
      // https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens
      refusal: { status: 200, body: { error: "bad_refresh_token", error_description: "The refresh token passed is incorrect or expired." }, said: "The refresh token passed is incorrect or expired." },
    },
    identity: { method: "GET", answer: { id: 583231, login: "octocat" } },
    account: { id: "583231", label: "octocat" },
    // https://docs.github.com/en/rest/apps/oauth-applications#delete-an-app-authorization
    revocation: { method: "DELETE", path: "/applications/cid/grant", token: "access", as: "json", param: "access_token", clientAuth: "basic", status: 204 },
  },
  // https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
  "x-twitter": {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "basic",
      format: "form",
      pkce: "S256-required",
      answer: (t) => ({ token_type: "bearer", expires_in: 7200, access_token: t.access, scope: t.scope, refresh_token: t.refresh }),
      rotates: true,
      // X answers a dead refresh token with invalid_request, not invalid_grant; the catalog's
      // deadGrantErrors reads exactly these words as a dead grant (needs re-authorization).
      refusal: bearerError("invalid_request", "Value passed for the token was invalid."),
    },
    identity: { method: "GET", answer: { data: { id: "2244994945", name: "X Dev", username: "XDevelopers" } } },
    account: { id: "2244994945", label: "XDevelopers" },
    revocation: { method: "POST", token: "refresh", as: "form", param: "token", clientAuth: "basic", status: 200, body: { revoked: true } },
  },
  // https://developers.notion.com/reference/create-a-token, /refresh-a-token, /revoke-token
  notion: {
    authorize: { scopeParam: "none", separator: " ", params: { owner: "user" } },
    token: {
      clientAuth: "basic",
      format: "json",
      pkce: "none",
      answer: (t) => ({
        access_token: t.access,
        refresh_token: t.refresh,
        token_type: "bearer",
        bot_id: "b-1",
        workspace_id: "ws-1",
        workspace_name: "Acme Wiki",
        owner: { type: "user", user: { object: "user", id: "u-1", person: { email: "alice@example.test" } } },
      }),
      rotates: true,
      refusal: bearerError("invalid_grant", "Invalid refresh token."),
    },
    identity: "token-answer",
    account: { id: "ws-1", label: "Acme Wiki" },
    revocation: { method: "POST", token: "access", as: "json", param: "token", clientAuth: "basic", headers: { "notion-version": /^\d{4}-\d{2}-\d{2}$/ }, status: 200, body: { request_id: "r-1" } },
  },
  // https://linear.app/developers/oauth-2-0-authentication (apps from before 2023-12-01: scope array)
  linear: {
    authorize: { scopeParam: "scope", separator: ",", params: { prompt: "consent" } },
    token: {
      clientAuth: "body",
      format: "form",
      pkce: "S256",
      answer: (t) => ({ access_token: t.access, token_type: "Bearer", expires_in: 86399, scope: t.scope.split(" "), refresh_token: t.refresh }),
      rotates: true,
      refusal: bearerError("invalid_grant", "The refresh token is invalid or expired."),
    },
    identity: { method: "POST", answer: { data: { viewer: { id: "lin-user-1", email: "alice@example.test", name: "Alice" } } } },
    account: { id: "lin-user-1", label: "alice@example.test" },
    revocation: { method: "POST", token: "refresh", as: "form", param: "refresh_token", clientAuth: "none", status: 200 },
  },
  // https://developer.spotify.com/documentation/web-api/tutorials/code-flow, .../refreshing-tokens
  spotify: {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "basic",
      format: "form",
      pkce: "S256",
      answer: (t) => ({ access_token: t.access, token_type: "Bearer", scope: t.scope, expires_in: 3600, refresh_token: t.refresh }),
      refreshAnswer: (t) => ({ access_token: t.access, token_type: "Bearer", scope: t.scope, expires_in: 3600 }),
      rotates: false,
      refusal: bearerError("invalid_grant", "Invalid refresh token"),
    },
    // Development-Mode apps: no email; account_id is the stable key.
    identity: { method: "GET", answer: { account_id: "aB3dE5fG7h", id: "smedjan", display_name: "Smedjan" } },
    account: { id: "aB3dE5fG7h", label: "Smedjan" },
  },
  // https://docs.slack.dev/authentication/installing-with-oauth, .../using-token-rotation
  slack: {
    authorize: { scopeParam: "user_scope", separator: "," },
    token: {
      clientAuth: "body",
      format: "form",
      pkce: "none",
      answer: (t) => ({
        ok: true,
        app_id: "A1",
        authed_user: { id: "U1", scope: t.scope.replaceAll(" ", ","), access_token: t.access, token_type: "user", refresh_token: t.refresh, expires_in: 43200 },
        team: { id: "T1", name: "Acme" },
      }),
      // A user-token refresh answers at the top level.
      refreshAnswer: (t) => ({ ok: true, access_token: t.access, token_type: "user", scope: t.scope.replaceAll(" ", ","), refresh_token: t.refresh, expires_in: 43200 }),
      rotates: true,
      refusal: { status: 200, body: { ok: false, error: "invalid_refresh_token" }, said: "invalid_grant" },
    },
    identity: { method: "GET", answer: { ok: true, user_id: "U1", user: "alice", team: "Acme", team_id: "T1" } },
    account: { id: "U1", label: "alice" },
    // https://docs.slack.dev/reference/methods/auth.revoke
    revocation: { method: "POST", token: "access", as: "bearer", clientAuth: "none", status: 200, body: { ok: true, revoked: true } },
  },
  // https://discord.com/developers/docs/topics/oauth2
  discord: {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "body",
      format: "form",
      pkce: "none",
      answer: (t) => ({ access_token: t.access, token_type: "Bearer", expires_in: 604800, refresh_token: t.refresh, scope: t.scope }),
      rotates: true,
      refusal: bearerError("invalid_grant", "Invalid \"refresh_token\" in request."),
    },
    identity: { method: "GET", answer: { id: "80351110224678912", username: "nelly", email: "nelly@example.test" } },
    account: { id: "80351110224678912", label: "nelly@example.test" },
    revocation: { method: "POST", token: "refresh", as: "form", param: "token", clientAuth: "body", status: 200, body: {} },
  },
  // https://developers.zoom.us/docs/integrations/oauth/
  zoom: {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "basic",
      format: "form",
      pkce: "S256",
      answer: (t) => ({ access_token: t.access, token_type: "bearer", refresh_token: t.refresh, expires_in: 3599, scope: t.scope }),
      rotates: true,
      refusal: bearerError("invalid_grant", "Invalid Token!"),
    },
    identity: { method: "GET", answer: { id: "KDcuGIm1QgePTO8WbOqwIQ", email: "alice@example.test" } },
    account: { id: "KDcuGIm1QgePTO8WbOqwIQ", label: "alice@example.test" },
    revocation: { method: "POST", token: "refresh", as: "form", param: "token", clientAuth: "basic", status: 200, body: { status: "success" } },
  },
  // https://developer.calendly.com/api-docs (OAuth), https://developer.calendly.com/scopes
  calendly: {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "body",
      format: "form",
      pkce: "S256",
      answer: (t) => ({ token_type: "Bearer", access_token: t.access, refresh_token: t.refresh, scope: t.scope, created_at: 1548689183, expires_in: 7200, owner: "https://api.calendly.com/users/AAA" }),
      rotates: true,
      refusal: bearerError("invalid_grant", "The provided authorization grant is invalid, expired, revoked."),
    },
    identity: { method: "GET", answer: { resource: { uri: "https://api.calendly.com/users/AAA", email: "alice@example.test", name: "Alice" } } },
    account: { id: "https://api.calendly.com/users/AAA", label: "alice@example.test" },
    revocation: { method: "POST", token: "refresh", as: "form", param: "token", clientAuth: "body", status: 200, body: {} },
  },
  // https://github.com/reddit-archive/reddit/wiki/OAuth2
  reddit: {
    authorize: { scopeParam: "scope", separator: " ", params: { duration: "permanent" } },
    token: {
      clientAuth: "basic",
      format: "form",
      pkce: "none",
      requireUserAgent: /^akhrot\//,
      answer: (t) => ({ access_token: t.access, token_type: "bearer", expires_in: 86400, scope: t.scope, refresh_token: t.refresh }),
      refreshAnswer: (t) => ({ access_token: t.access, token_type: "bearer", expires_in: 86400, scope: t.scope }),
      rotates: false,
      refusal: { status: 400, body: { error: "invalid_grant" }, said: "invalid_grant" },
    },
    identity: { method: "GET", answer: { id: "abc12", name: "spez" } },
    account: { id: "abc12", label: "spez" },
    revocation: { method: "POST", token: "refresh", as: "form", param: "token", clientAuth: "basic", status: 204 },
  },
  // https://developers.asana.com/docs/oauth
  asana: {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "body",
      format: "form",
      pkce: "S256",
      answer: (t) => ({ access_token: t.access, expires_in: 3600, token_type: "bearer", data: { id: 4673218951, gid: "4673218951", name: "Greg", email: "greg@example.test" }, refresh_token: t.refresh }),
      refreshAnswer: (t) => ({ access_token: t.access, expires_in: 3600, token_type: "bearer" }),
      rotates: false,
      refusal: bearerError("invalid_grant", "The `refresh_token` is invalid."),
    },
    identity: { method: "GET", answer: { data: { gid: "4673218951", email: "greg@example.test", name: "Greg" } } },
    account: { id: "4673218951", label: "greg@example.test" },
    revocation: { method: "POST", token: "refresh", as: "form", param: "token", clientAuth: "body", status: 200 },
  },
  // https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/, /refresh-tokens, /revoke-tokens
  twitch: {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "body",
      format: "form",
      pkce: "none",
      answer: (t) => ({ access_token: t.access, expires_in: 14124, refresh_token: t.refresh, scope: t.scope.split(" "), token_type: "bearer" }),
      rotates: true,
      refusal: { status: 400, body: { error: "Bad Request", status: 400, message: "Invalid refresh token" }, said: "Invalid refresh token", kind: "transient" },
    },
    identity: { method: "GET", headers: { "client-id": "cid" }, answer: { data: [{ id: "141981764", login: "twitchdev" }] } },
    account: { id: "141981764", label: "twitchdev" },
    revocation: { method: "POST", token: "access", as: "form", param: "token", clientAuth: "client_id", status: 200 },
  },
  // https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/
  jira: {
    authorize: { scopeParam: "scope", separator: " ", params: { audience: "api.atlassian.com", prompt: "consent" } },
    token: {
      clientAuth: "body",
      format: "json",
      pkce: "none",
      answer: (t) => ({ access_token: t.access, expires_in: 3600, token_type: "Bearer", refresh_token: t.refresh, scope: t.scope }),
      rotates: true,
      refusal: { status: 403, body: { error: "invalid_grant", error_description: "Unknown or invalid refresh token." }, said: "Unknown or invalid refresh token." },
    },
    identity: { method: "GET", answer: { account_id: "5b10ac8d82e05b22cc7d4ef5", email: "alice@example.test", name: "Alice" } },
    account: { id: "5b10ac8d82e05b22cc7d4ef5", label: "alice@example.test" },
    metadata: { cloudId: "11223344-a1b2-3b33-c444-def123456789" },
  },
  // https://www.dropbox.com/developers/documentation/http/documentation#oauth2-token
  dropbox: {
    authorize: { scopeParam: "scope", separator: " ", params: { token_access_type: "offline" } },
    token: {
      clientAuth: "body",
      format: "form",
      pkce: "S256",
      answer: (t) => ({ access_token: t.access, expires_in: 14400, token_type: "bearer", scope: t.scope, refresh_token: t.refresh, account_id: "dbid:AAH4f99", uid: "12345" }),
      refreshAnswer: (t) => ({ access_token: t.access, expires_in: 14400, token_type: "bearer" }),
      rotates: false,
      refusal: bearerError("invalid_grant", "refresh token is invalid or revoked"),
    },
    identity: { method: "POST", noBody: true, answer: { account_id: "dbid:AAH4f99", email: "franz@example.test" } },
    account: { id: "dbid:AAH4f99", label: "franz@example.test" },
    // https://www.dropbox.com/developers/documentation/http/documentation#auth-token-revoke
    revocation: { method: "POST", token: "access", as: "bearer", clientAuth: "none", status: 200, body: null },
  },
  // https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow
  microsoft: {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "body",
      format: "form",
      pkce: "S256",
      answer: (t) => ({ token_type: "Bearer", scope: t.scope, expires_in: 3599, ext_expires_in: 3599, access_token: t.access, refresh_token: t.refresh, id_token: "e.y.j" }),
      rotates: true,
      refusal: bearerError("invalid_grant", "AADSTS70000: The provided value for the 'refresh_token' is not valid."),
    },
    identity: { method: "GET", answer: { id: "87d349ed-44d7-43e1-9a83-5f2406dee5bd", mail: null, userPrincipalName: "alice@contoso.test" } },
    account: { id: "87d349ed-44d7-43e1-9a83-5f2406dee5bd", label: "alice@contoso.test" },
  },
  // https://developers.figma.com/docs/rest-api/authentication/
  figma: {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "basic",
      format: "form",
      pkce: "none",
      answer: (t) => ({ user_id: "123", access_token: t.access, refresh_token: t.refresh, expires_in: 7776000 }),
      refreshAnswer: (t) => ({ access_token: t.access, expires_in: 7776000 }),
      rotates: false,
      refusal: { status: 400, body: { error: true, status: 400, message: "Invalid refresh token" }, said: "Invalid refresh token", kind: "transient" },
    },
    identity: { method: "GET", answer: { id: "123", email: "alice@example.test", handle: "alice" } },
    account: { id: "123", label: "alice@example.test" },
  },
  // https://docs.gitlab.com/api/oauth2/
  gitlab: {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "body",
      format: "form",
      pkce: "S256",
      answer: (t) => ({ access_token: t.access, token_type: "Bearer", expires_in: 7200, refresh_token: t.refresh, scope: t.scope, created_at: 1607635748 }),
      rotates: true,
      refusal: bearerError("invalid_grant", "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."),
    },
    identity: { method: "GET", answer: { id: 1, username: "john_smith", email: "john@example.test" } },
    account: { id: "1", label: "john_smith" },
    revocation: { method: "POST", token: "refresh", as: "form", param: "token", clientAuth: "body", status: 200, body: {} },
  },
  // https://airtable.com/developers/web/api/oauth-reference
  airtable: {
    authorize: { scopeParam: "scope", separator: " " },
    token: {
      clientAuth: "basic",
      format: "form",
      pkce: "S256-required",
      answer: (t) => ({ access_token: t.access, refresh_token: t.refresh, token_type: "Bearer", scope: t.scope, expires_in: 3600, refresh_expires_in: 5184000 }),
      rotates: true,
      refusal: bearerError("invalid_grant", "Refresh token is invalid"),
    },
    identity: { method: "GET", answer: { id: "usrL2PNC5o3H4lBEi", email: "foo@bar.test" } },
    account: { id: "usrL2PNC5o3H4lBEi", label: "foo@bar.test" },
  },
};
