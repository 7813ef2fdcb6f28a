/**
 * Named OAuth quirks. A quirk is a data flag on a provider; the OAuth engine (lib/oauth)
 * implements each one as a small named hook. Everything a plain field can say
 * (PKCE, client auth, body format, scope separator, extra authorize params) is a field
 * instead, so this list stays short. Revocation is a field too (`oauth.revocation`), and an
 * array `scope` in a token answer (Twitch, older Linear apps) is joined for every provider. Add a flag only with the provider doc that explains it.
 */
export const oauthQuirks = [
  // The token endpoint answers `application/x-www-form-urlencoded` unless the request sends
  // `Accept: application/json`.
  // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#2-users-are-redirected-back-to-your-site-by-github
  "github-json-accept",
  // User scopes go in `user_scope` (not `scope`); the user token is `authed_user.access_token`
  // (the top-level `access_token` is the bot's); failures come back as HTTP 200 `{"ok":false}`.
  // https://docs.slack.dev/authentication/installing-with-oauth
  "slack-authed-user",
  // Notion has no userinfo endpoint: the account comes in the token response
  // (`owner.user`, `workspace_id`, `workspace_name`).
  // https://developers.notion.com/reference/create-a-token
  "notion-owner-identity",
  // Every request, the token exchange included, must carry a unique descriptive User-Agent
  // or Reddit throttles / rejects it.
  // https://github.com/reddit-archive/reddit/wiki/API#rules
  "reddit-user-agent",
  // Jira Cloud API calls go through `https://api.atlassian.com/ex/jira/{cloudId}`; the cloudId
  // comes from `GET https://api.atlassian.com/oauth/token/accessible-resources` after connect.
  // https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/
  "jira-cloud-id",
  // Helix requires a `Client-Id` header equal to the client that minted the token, on the
  // identity call too. https://dev.twitch.tv/docs/api/get-started/
  "twitch-client-id-header",
  // `users/get_current_account` is an RPC-style POST with no body (and no Content-Type).
  // https://www.dropbox.com/developers/documentation/http/documentation#users-get_current_account
  "dropbox-post-userinfo",
  // Identity is a GraphQL POST `{ viewer { id email name } }` to https://api.linear.app/graphql.
  // https://linear.app/developers/graphql
  "linear-graphql-identity",
  // Refresh uses a separate endpoint (`/v1/oauth/refresh`) from the code exchange, and its
  // answer carries no new refresh token: keep the old one.
  // https://developers.figma.com/docs/rest-api/authentication/
  "figma-refresh-endpoint",
] as const;

export type OAuthQuirk = (typeof oauthQuirks)[number];
