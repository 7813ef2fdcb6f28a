/** OAuth providers for team chat and meetings: Slack, Discord, Zoom. */
import type { OAuthProvider } from "../provider-schema";

const bearer = { header: "Authorization", format: "Bearer {accessToken}" } as const;
const slackApi = "https://slack.com/api";
const slackServiceScopes = {
  chat: ["chat:write"],
  channels: ["channels:read", "channels:history", "groups:read", "groups:history"],
  files: ["files:read", "files:write"],
} as const;

const slack = {
  code: "slack",
  name: "Slack",
  category: "Communication",
  authType: "oauth2",
  description: "Slack messages, channels and files, acting as the user (user token).",
  docsUrl: "https://docs.slack.dev/authentication/installing-with-oauth",
  // Removed from simple-icons (trademark request).
  iconSlug: null,
  api: { baseUrl: slackApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://slack.com/oauth/v2/authorize",
    tokenUrl: `${slackApi}/oauth.v2.access`,
    revokeUrl: `${slackApi}/auth.revoke`,
    // auth.revoke revokes the token that authenticates the call (a refresh token is not one, so
    // with token rotation on the access token is sent); failures are HTTP 200 `{"ok":false}`.
    // https://docs.slack.dev/reference/methods/auth.revoke
    revocation: { method: "POST", tokens: [{ kind: "access", as: "bearer" }], clientAuth: "none", successStatus: [200], okField: "ok" },
    userinfoUrl: `${slackApi}/auth.test`,
    pkce: "none",
    clientAuth: "body",
    tokenRequestFormat: "form",
    // Comma-separated user scopes (sent as user_scope, see the quirk). Tokens expire and refresh
    // only when the app enables token rotation.
    scopeSeparator: ",",
    defaultScopes: ["users:read", ...Object.values(slackServiceScopes).flat()],
    scopes: ["users:read", ...Object.values(slackServiceScopes).flat(), "im:read", "im:history", "search:read"],
    extraAuthorizeParams: {},
    quirks: ["slack-authed-user"],
    identity: { idField: "user_id", labelField: "user", labelFallbackField: "team" },
  },
  services: [
    {
      code: "chat",
      source: "https://docs.slack.dev/reference/methods",
      name: "Chat",
      description: "Post, schedule, edit and delete messages. Errors arrive as HTTP 200 with ok:false.",
      baseUrl: slackApi,
      scopes: [...slackServiceScopes.chat],
      endpoints: [
        { method: "POST", path: "/chat.postMessage", description: "Post a message (thread_ts to reply in a thread)", body: '{"channel":"C0123456789","text":"Hello"}' },
        { method: "POST", path: "/chat.update", description: "Edit a message", body: '{"channel":"C0123456789","ts":"1700000000.000100","text":"Edited"}' },
        { method: "POST", path: "/chat.delete", description: "Delete a message", body: '{"channel":"C0123456789","ts":"1700000000.000100"}' },
        { method: "POST", path: "/chat.scheduleMessage", description: "Schedule a message", body: '{"channel":"C0123456789","text":"Reminder","post_at":1900000000}' },
        { method: "GET", path: "/chat.getPermalink?channel={channelId}&message_ts={ts}", description: "Link to a message" },
      ],
    },
    {
      code: "channels",
      source: "https://docs.slack.dev/reference/methods",
      name: "Channels",
      description: "List channels and read their history and threads.",
      baseUrl: slackApi,
      scopes: [...slackServiceScopes.channels],
      endpoints: [
        { method: "GET", path: "/conversations.list?types=public_channel,private_channel&limit=100", description: "Channels the user can see" },
        { method: "GET", path: "/conversations.history?channel={channelId}&limit=20", description: "Recent messages of a channel" },
        { method: "GET", path: "/conversations.replies?channel={channelId}&ts={threadTs}", description: "Replies in a thread" },
        { method: "GET", path: "/conversations.info?channel={channelId}", description: "Channel details" },
        { method: "GET", path: "/conversations.members?channel={channelId}", description: "Member ids" },
      ],
    },
    {
      code: "files",
      source: "https://docs.slack.dev/reference/methods",
      name: "Files",
      description: "List, inspect, upload (two-step external upload) and delete files.",
      baseUrl: slackApi,
      scopes: [...slackServiceScopes.files],
      endpoints: [
        { method: "GET", path: "/files.list?count=20", description: "Recent files" },
        { method: "GET", path: "/files.info?file={fileId}", description: "File details and download URL" },
        { method: "GET", path: "/files.getUploadURLExternal?filename={fileName}&length={bytes}", description: "Step 1: get an upload URL, then POST the bytes to it" },
        { method: "POST", path: "/files.completeUploadExternal", description: "Step 2: share the uploaded file", body: '{"files":[{"id":"F0123456789"}],"channel_id":"C0123456789"}' },
        { method: "POST", path: "/files.delete", description: "Delete a file", body: '{"file":"F0123456789"}' },
      ],
    },
  ],
} satisfies OAuthProvider;

const discordApi = "https://discord.com/api/v10";

const discord = {
  code: "discord",
  name: "Discord",
  category: "Communication",
  authType: "oauth2",
  description: "The Discord user's profile and servers; channel access goes through a bot.",
  docsUrl: "https://discord.com/developers/docs/topics/oauth2",
  iconSlug: "discord",
  api: { baseUrl: discordApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://discord.com/oauth2/authorize",
    tokenUrl: "https://discord.com/api/oauth2/token",
    revokeUrl: "https://discord.com/api/oauth2/token/revoke",
    // RFC 7009 form `token` with client credentials; either token kind ends the grant.
    // https://discord.com/developers/docs/topics/oauth2#authorization-code-grant-token-revocation-example
    revocation: { method: "POST", tokens: [{ kind: "refresh", as: "form", param: "token" }, { kind: "access", as: "form", param: "token" }], clientAuth: "body", successStatus: [200] },
    // Versioned like the API calls: an unversioned path goes to Discord's (deprecated) default version.
    // https://discord.com/developers/docs/reference#api-versioning
    userinfoUrl: `${discordApi}/users/@me`,
    pkce: "none",
    clientAuth: "body",
    tokenRequestFormat: "form",
    // Space-separated; access tokens live about 7 days, refresh yes.
    scopeSeparator: " ",
    defaultScopes: ["identify", "email", "guilds", "guilds.members.read"],
    scopes: ["identify", "email", "guilds", "guilds.members.read", "connections"],
    extraAuthorizeParams: {},
    quirks: [],
    identity: { idField: "id", labelField: "email", labelFallbackField: "username" },
  },
  services: [
    {
      code: "servers",
      source: "https://discord.com/developers/docs/resources/user",
      name: "Servers",
      description: "The user's profile, servers (guilds) and membership in them.",
      baseUrl: discordApi,
      scopes: ["identify", "guilds", "guilds.members.read"],
      endpoints: [
        { method: "GET", path: "/users/@me", description: "The user" },
        { method: "GET", path: "/users/@me/guilds", description: "Servers the user is in" },
        { method: "GET", path: "/users/@me/guilds/{guildId}/member", description: "The user's member object (roles, nick) in a server" },
        { method: "GET", path: "/users/@me/connections", description: "Linked accounts (needs the connections scope)" },
      ],
    },
    {
      code: "channels",
      source: "https://discord.com/developers/docs/resources/channel",
      name: "Channels",
      description:
        "Channel endpoints. Discord serves them to bot tokens (Authorization: Bot ...), not to this user token: find the server here, then use the app's bot.",
      baseUrl: discordApi,
      scopes: ["guilds"],
      endpoints: [
        { method: "GET", path: "/guilds/{guildId}/channels", description: "Channels of a server (bot)" },
        { method: "GET", path: "/channels/{channelId}", description: "Get a channel (bot)" },
        { method: "GET", path: "/channels/{channelId}/messages?limit=50", description: "Recent messages (bot)" },
        { method: "POST", path: "/channels/{channelId}/messages", description: "Post a message (bot)", body: '{"content":"Hello"}' },
      ],
    },
  ],
} satisfies OAuthProvider;

const zoomApi = "https://api.zoom.us/v2";
// Granular scopes (apps created since 2024); classic apps use meeting:read / meeting:write.
// https://developers.zoom.us/docs/integrations/oauth-scopes-granular/
const zoomServiceScopes = {
  meetings: [
    "meeting:read:list_meetings",
    "meeting:read:meeting",
    "meeting:write:meeting",
    "meeting:update:meeting",
    "meeting:delete:meeting",
    "cloud_recording:read:list_user_recordings",
  ],
  webinars: [
    "webinar:read:list_webinars",
    "webinar:read:webinar",
    "webinar:write:webinar",
    "webinar:update:webinar",
    "webinar:read:list_registrants",
  ],
} as const;

const zoom = {
  code: "zoom",
  name: "Zoom",
  category: "Communication",
  authType: "oauth2",
  description: "Zoom meetings, recordings and webinars.",
  docsUrl: "https://developers.zoom.us/docs/integrations/oauth/",
  iconSlug: "zoom",
  api: { baseUrl: zoomApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://zoom.us/oauth/authorize",
    tokenUrl: "https://zoom.us/oauth/token",
    revokeUrl: "https://zoom.us/oauth/revoke",
    // POST with Basic client auth and `token`; answers 200 `{"status":"success"}`.
    // https://developers.zoom.us/docs/integrations/oauth/#revoking-access-tokens
    revocation: { method: "POST", tokens: [{ kind: "refresh", as: "form", param: "token" }, { kind: "access", as: "form", param: "token" }], clientAuth: "basic", successStatus: [200] },
    userinfoUrl: `${zoomApi}/users/me`,
    pkce: "supported",
    // HTTP Basic at the token endpoint; access 1 h; the refresh token rotates on every use.
    clientAuth: "basic",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    defaultScopes: ["user:read:user", ...Object.values(zoomServiceScopes).flat()],
    scopes: ["user:read:user", ...Object.values(zoomServiceScopes).flat()],
    extraAuthorizeParams: {},
    quirks: [],
    identity: { idField: "id", labelField: "email" },
  },
  services: [
    {
      code: "meetings",
      source: "https://developers.zoom.us/docs/api/meetings/",
      name: "Meetings",
      description: "Schedule, update and cancel meetings; list cloud recordings.",
      baseUrl: zoomApi,
      scopes: [...zoomServiceScopes.meetings],
      endpoints: [
        { method: "GET", path: "/users/me/meetings?type=upcoming", description: "Upcoming meetings" },
        { method: "POST", path: "/users/me/meetings", description: "Schedule a meeting", body: '{"topic":"Sync","type":2,"start_time":"2030-01-01T10:00:00Z","duration":30}' },
        { method: "GET", path: "/meetings/{meetingId}", description: "Get a meeting (join_url)" },
        { method: "PATCH", path: "/meetings/{meetingId}", description: "Update a meeting", body: '{"duration":45}' },
        { method: "DELETE", path: "/meetings/{meetingId}", description: "Cancel a meeting" },
        { method: "GET", path: "/users/me/recordings", description: "Cloud recordings (last 30 days by default)" },
      ],
    },
    {
      code: "webinars",
      source: "https://developers.zoom.us/docs/api/meetings/",
      name: "Webinars",
      description: "Create webinars and manage registrants (needs a webinar licence).",
      baseUrl: zoomApi,
      scopes: [...zoomServiceScopes.webinars],
      endpoints: [
        { method: "GET", path: "/users/me/webinars", description: "List webinars" },
        { method: "POST", path: "/users/me/webinars", description: "Create a webinar", body: '{"topic":"Launch","type":5,"start_time":"2030-01-01T16:00:00Z","duration":60}' },
        { method: "GET", path: "/webinars/{webinarId}", description: "Get a webinar" },
        { method: "PATCH", path: "/webinars/{webinarId}", description: "Update a webinar", body: '{"duration":90}' },
        { method: "GET", path: "/webinars/{webinarId}/registrants", description: "Registrants" },
      ],
    },
  ],
} satisfies OAuthProvider;

export const oauthCommunication = { slack, discord, zoom };
