/** OAuth providers for social and media: X, Reddit, Twitch, Spotify. */
import type { OAuthProvider } from "../provider-schema";

const bearer = { header: "Authorization", format: "Bearer {accessToken}" } as const;
const xApi = "https://api.x.com/2";
const xServiceScopes = ["tweet.read", "tweet.write", "users.read", "follows.read"] as const;

const xTwitter = {
  code: "x-twitter",
  name: "X (Twitter)",
  category: "Social",
  authType: "oauth2",
  description: "Post and read tweets, look up users and timelines on X.",
  docsUrl: "https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code",
  iconSlug: "x",
  api: { baseUrl: xApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://x.com/i/oauth2/authorize",
    tokenUrl: `${xApi}/oauth2/token`,
    revokeUrl: `${xApi}/oauth2/revoke`,
    // RFC 7009 form `token`; confidential clients authenticate with Basic.
    // https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
    revocation: { method: "POST", tokens: [{ kind: "refresh", as: "form", param: "token" }, { kind: "access", as: "form", param: "token" }], clientAuth: "basic", successStatus: [200] },
    userinfoUrl: `${xApi}/users/me`,
    pkce: "required",
    clientAuth: "basic",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    // Access tokens live 2 h; a refresh token is issued only with offline.access.
    defaultScopes: [...xServiceScopes, "offline.access"],
    scopes: [...xServiceScopes, "offline.access", "like.read", "like.write", "follows.write", "bookmark.read"],
    extraAuthorizeParams: {},
    quirks: [],
    // X answers a revoked, expired or already-used refresh token (and a dead code) with HTTP 400
    // `invalid_request` "Value passed for the token was invalid." / "… authorization code was invalid.",
    // not `invalid_grant`: https://github.com/PLhery/node-twitter-api-v2/issues/496 (X's docs list no error bodies).
    deadGrantErrors: [{ error: "invalid_request", description: "^Value passed for the (token|authorization code) was invalid\\.?$" }],
    identity: { idField: "data.id", labelField: "data.username" },
  },
  services: [
    {
      code: "tweets",
      source: "https://docs.x.com/x-api/posts/manage-tweets/migrate/overview",
      name: "Tweets",
      description: "Post, delete, read and search tweets.",
      baseUrl: xApi,
      scopes: ["tweet.read", "tweet.write", "users.read"],
      endpoints: [
        { method: "POST", path: "/tweets", description: "Post a tweet (reply.in_reply_to_tweet_id to reply)", body: '{"text":"Hello from my agent"}' },
        { method: "DELETE", path: "/tweets/{tweetId}", description: "Delete a tweet" },
        { method: "GET", path: "/tweets/{tweetId}?tweet.fields=created_at,public_metrics", description: "Get a tweet" },
        { method: "GET", path: "/tweets?ids={tweetIds}", description: "Get up to 100 tweets" },
        { method: "GET", path: "/tweets/search/recent?query={query}&max_results=10", description: "Search the last 7 days" },
      ],
    },
    {
      code: "users",
      source: "https://docs.x.com/x-api/users/lookup/introduction",
      name: "Users",
      description: "Look up users, followers and following.",
      baseUrl: xApi,
      scopes: ["users.read", "tweet.read", "follows.read"],
      endpoints: [
        { method: "GET", path: "/users/me", description: "The authenticated user" },
        { method: "GET", path: "/users/by/username/{username}", description: "User by handle" },
        { method: "GET", path: "/users/{userId}", description: "User by id" },
        { method: "GET", path: "/users/{userId}/followers?max_results=100", description: "Followers" },
        { method: "GET", path: "/users/{userId}/following?max_results=100", description: "Accounts followed" },
      ],
    },
    {
      code: "timeline",
      source: "https://docs.x.com/x-api/posts/timelines/introduction",
      name: "Timeline",
      description: "Home timeline, a user's tweets and mentions (userId from /users/me).",
      baseUrl: xApi,
      scopes: ["tweet.read", "users.read"],
      endpoints: [
        { method: "GET", path: "/users/{userId}/timelines/reverse_chronological?max_results=20", description: "Home timeline" },
        { method: "GET", path: "/users/{userId}/tweets?max_results=20", description: "Tweets by a user" },
        { method: "GET", path: "/users/{userId}/mentions?max_results=20", description: "Mentions of a user" },
      ],
    },
  ],
} satisfies OAuthProvider;

const redditApi = "https://oauth.reddit.com";

const reddit = {
  code: "reddit",
  name: "Reddit",
  category: "Social",
  authType: "oauth2",
  // Since the Responsible Builder Policy (Nov 2025) a new OAuth app needs Reddit's approval before
  // it can call the API. https://support.reddithelp.com/hc/en-us/articles/42728983564564
  description: "Read and write Reddit posts and comments. New Reddit OAuth apps need Reddit's approval first (Responsible Builder Policy).",
  docsUrl: "https://github.com/reddit-archive/reddit/wiki/OAuth2",
  iconSlug: "reddit",
  api: {
    baseUrl: redditApi,
    auth: bearer,
    // Reddit rejects generic agents: "<platform>:<app id>:<version> (by /u/<username>)".
    // https://github.com/reddit-archive/reddit/wiki/API#rules
    extraHeaders: { "User-Agent": "web:akhrot-agent:v1 (by /u/{accountLabel})" },
  },
  oauth: {
    authorizationUrl: "https://www.reddit.com/api/v1/authorize",
    tokenUrl: "https://www.reddit.com/api/v1/access_token",
    revokeUrl: "https://www.reddit.com/api/v1/revoke_token",
    // Basic client auth, form `token` (+ token_type_hint); a success answers 204 No Content.
    // https://github.com/reddit-archive/reddit/wiki/OAuth2#manually-revoking-a-token
    revocation: { method: "POST", tokens: [{ kind: "refresh", as: "form", param: "token" }, { kind: "access", as: "form", param: "token" }], clientAuth: "basic", successStatus: [200, 204] },
    userinfoUrl: `${redditApi}/api/v1/me`,
    pkce: "none",
    clientAuth: "basic",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    defaultScopes: ["identity", "read", "submit", "edit", "vote", "history", "mysubreddits"],
    scopes: ["identity", "read", "submit", "edit", "vote", "history", "mysubreddits"],
    // Without duration=permanent Reddit issues a 1 h token and no refresh token.
    // https://github.com/reddit-archive/reddit/wiki/OAuth2#authorization
    extraAuthorizeParams: { duration: "permanent" },
    quirks: ["reddit-user-agent"],
    identity: { idField: "id", labelField: "name" },
  },
  services: [
    {
      code: "posts",
      source: "https://www.reddit.com/dev/api/",
      name: "Posts",
      description: "Browse, search, submit and delete posts. Writes are form-encoded.",
      baseUrl: redditApi,
      scopes: ["read", "submit", "edit", "history"],
      endpoints: [
        { method: "GET", path: "/r/{subreddit}/hot?limit=25", description: "Hot posts of a subreddit" },
        { method: "GET", path: "/r/{subreddit}/new?limit=25", description: "Newest posts" },
        { method: "GET", path: "/search?q={query}&limit=25", description: "Search posts" },
        { method: "GET", path: "/user/{username}/submitted", description: "Posts by a user" },
        { method: "POST", path: "/api/submit", description: "Submit a text post", body: "sr=test&kind=self&title=Hello&text=Body", bodyFormat: "form" },
        { method: "POST", path: "/api/del", description: "Delete own post or comment", body: "id=t3_abc123", bodyFormat: "form" },
      ],
    },
    {
      code: "comments",
      source: "https://www.reddit.com/dev/api/",
      name: "Comments",
      description: "Read comment trees, reply, edit and vote.",
      baseUrl: redditApi,
      scopes: ["read", "submit", "edit", "vote", "history"],
      endpoints: [
        { method: "GET", path: "/comments/{articleId}?limit=50", description: "A post with its comments" },
        { method: "GET", path: "/user/{username}/comments", description: "Comments by a user" },
        { method: "POST", path: "/api/comment", description: "Reply to a post or comment", body: "thing_id=t3_abc123&text=Nice", bodyFormat: "form" },
        { method: "POST", path: "/api/editusertext", description: "Edit own comment", body: "thing_id=t1_abc123&text=Edited", bodyFormat: "form" },
        { method: "POST", path: "/api/vote", description: "Vote (dir 1, 0, -1)", body: "id=t1_abc123&dir=1", bodyFormat: "form" },
      ],
    },
  ],
} satisfies OAuthProvider;

const helix = "https://api.twitch.tv/helix";
const twitchServiceScopes = {
  streaming: ["channel:manage:broadcast", "clips:edit", "user:read:follows"],
  chat: ["user:read:chat", "user:write:chat", "moderator:read:chatters"],
} as const;

const twitch = {
  code: "twitch",
  name: "Twitch",
  category: "Media",
  authType: "oauth2",
  description: "Twitch streams, channel settings, clips and chat (Helix API).",
  docsUrl: "https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/",
  iconSlug: "twitch",
  api: { baseUrl: helix, auth: bearer, extraHeaders: { "Client-Id": "{clientId}" } },
  oauth: {
    authorizationUrl: "https://id.twitch.tv/oauth2/authorize",
    tokenUrl: "https://id.twitch.tv/oauth2/token",
    revokeUrl: "https://id.twitch.tv/oauth2/revoke",
    // Form `client_id` + `token` where token is the ACCESS token; 200 with no body on success.
    // https://dev.twitch.tv/docs/authentication/revoke-tokens
    revocation: { method: "POST", tokens: [{ kind: "access", as: "form", param: "token" }], clientAuth: "client_id", successStatus: [200] },
    userinfoUrl: `${helix}/users`,
    pkce: "none",
    clientAuth: "body",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    defaultScopes: ["user:read:email", ...Object.values(twitchServiceScopes).flat()],
    scopes: ["user:read:email", ...Object.values(twitchServiceScopes).flat()],
    extraAuthorizeParams: {},
    quirks: ["twitch-client-id-header"],
    identity: { idField: "data.0.id", labelField: "data.0.login", quirk: "twitch-client-id-header" },
  },
  services: [
    {
      code: "streaming",
      source: "https://dev.twitch.tv/docs/api/reference/",
      name: "Streaming",
      description: "Live streams, channel title and category, videos and clips.",
      baseUrl: helix,
      scopes: [...twitchServiceScopes.streaming],
      endpoints: [
        { method: "GET", path: "/streams?user_login={login}", description: "Is a channel live" },
        { method: "GET", path: "/streams/followed?user_id={userId}", description: "Live channels the user follows" },
        { method: "GET", path: "/channels?broadcaster_id={broadcasterId}", description: "Channel title and category" },
        { method: "PATCH", path: "/channels?broadcaster_id={broadcasterId}", description: "Change title or category", body: '{"title":"Building an agent"}' },
        { method: "GET", path: "/videos?user_id={userId}&first=20", description: "Past broadcasts and uploads" },
        { method: "POST", path: "/clips?broadcaster_id={broadcasterId}", description: "Create a clip of a live stream" },
      ],
    },
    {
      code: "chat",
      source: "https://dev.twitch.tv/docs/api/reference/",
      name: "Chat",
      description: "Send chat messages, list chatters, read chat settings and emotes.",
      baseUrl: helix,
      scopes: [...twitchServiceScopes.chat],
      endpoints: [
        { method: "POST", path: "/chat/messages", description: "Send a chat message", body: '{"broadcaster_id":"BROADCASTER_ID","sender_id":"USER_ID","message":"Hello chat"}' },
        { method: "GET", path: "/chat/chatters?broadcaster_id={broadcasterId}&moderator_id={userId}", description: "Users in chat (moderator)" },
        { method: "GET", path: "/chat/settings?broadcaster_id={broadcasterId}", description: "Chat settings" },
        { method: "GET", path: "/chat/emotes/global", description: "Global emotes" },
      ],
    },
  ],
} satisfies OAuthProvider;

const spotifyApi = "https://api.spotify.com/v1";
const spotifyServiceScopes = {
  music: [
    "user-read-playback-state",
    "user-modify-playback-state",
    "user-read-currently-playing",
    "user-library-read",
    "user-top-read",
  ],
  playlists: ["playlist-read-private", "playlist-modify-public", "playlist-modify-private"],
} as const;

const spotify = {
  code: "spotify",
  name: "Spotify",
  category: "Media",
  authType: "oauth2",
  description: "Spotify playback, library, search and playlists. Development-Mode apps: the app owner needs Premium and at most 5 users may connect.",
  docsUrl: "https://developer.spotify.com/documentation/web-api/tutorials/code-flow",
  iconSlug: "spotify",
  api: { baseUrl: spotifyApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://accounts.spotify.com/authorize",
    tokenUrl: "https://accounts.spotify.com/api/token",
    userinfoUrl: `${spotifyApi}/me`,
    pkce: "supported",
    clientAuth: "basic",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    // /me needs no scope for id and display_name; `email` (user-read-email) and the private fields
    // are deprecated and gone for Development-Mode apps since 2026-03-09, so neither is a default.
    // https://developer.spotify.com/documentation/web-api/references/changes/february-2026
    defaultScopes: [...Object.values(spotifyServiceScopes).flat()],
    scopes: ["user-read-email", "user-read-private", ...Object.values(spotifyServiceScopes).flat()],
    extraAuthorizeParams: {},
    quirks: [],
    // `account_id` is the stable key Spotify recommends for account linking (not `id`).
    // https://developer.spotify.com/documentation/web-api/reference/get-current-users-profile
    identity: { idField: "account_id", labelField: "display_name", labelFallbackField: "id" },
  },
  services: [
    {
      code: "music",
      source: "https://developer.spotify.com/documentation/web-api",
      name: "Music",
      description: "What is playing, playback control (Premium), search, saved and top tracks.",
      baseUrl: spotifyApi,
      scopes: [...spotifyServiceScopes.music],
      endpoints: [
        { method: "GET", path: "/me/player/currently-playing", description: "Current track" },
        { method: "GET", path: "/me/player", description: "Playback state and device" },
        { method: "PUT", path: "/me/player/play", description: "Start or resume playback", body: '{"uris":["spotify:track:4uLU6hMCjMI75M1A2tKUQC"]}' },
        { method: "PUT", path: "/me/player/pause", description: "Pause playback" },
        { method: "POST", path: "/me/player/queue?uri={trackUri}", description: "Add to queue" },
        { method: "GET", path: "/search?q={query}&type=track&limit=10", description: "Search tracks" },
        { method: "GET", path: "/me/tracks?limit=20", description: "Saved tracks" },
        { method: "GET", path: "/me/top/tracks?limit=20", description: "Top tracks" },
      ],
    },
    {
      code: "playlists",
      source: "https://developer.spotify.com/documentation/web-api",
      name: "Playlists",
      description: "Read, create and edit playlists.",
      baseUrl: spotifyApi,
      scopes: [...spotifyServiceScopes.playlists],
      endpoints: [
        { method: "GET", path: "/me/playlists?limit=20", description: "The user's playlists" },
        { method: "GET", path: "/playlists/{playlistId}", description: "Get a playlist" },
        // February 2026: /playlists/{id}/tracks became /playlists/{id}/items and
        // POST /users/{id}/playlists became POST /me/playlists (the old paths answer 403).
        // https://developer.spotify.com/documentation/web-api/tutorials/february-2026-migration-guide
        { method: "GET", path: "/playlists/{playlistId}/items?limit=50", description: "Items (tracks) of a playlist", source: "https://developer.spotify.com/documentation/web-api/references/changes/february-2026" },
        { method: "POST", path: "/me/playlists", description: "Create a playlist", body: '{"name":"Agent mix","public":false}', source: "https://developer.spotify.com/documentation/web-api/references/changes/february-2026" },
        { method: "POST", path: "/playlists/{playlistId}/items", description: "Add tracks", body: '{"uris":["spotify:track:4uLU6hMCjMI75M1A2tKUQC"]}', source: "https://developer.spotify.com/documentation/web-api/references/changes/february-2026" },
        { method: "PUT", path: "/playlists/{playlistId}", description: "Rename or describe", body: '{"name":"Renamed"}' },
      ],
    },
  ],
} satisfies OAuthProvider;

export const oauthSocial = { "x-twitter": xTwitter, reddit, twitch, spotify };
