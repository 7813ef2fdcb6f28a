/** OAuth providers for mail, files and calendars: Google, Microsoft, Dropbox. */
import type { OAuthProvider } from "../provider-schema";

const bearer = { header: "Authorization", format: "Bearer {accessToken}" } as const;

const googleScopes = {
  gmail: "https://www.googleapis.com/auth/gmail.modify",
  drive: "https://www.googleapis.com/auth/drive",
  calendar: "https://www.googleapis.com/auth/calendar",
  sheets: "https://www.googleapis.com/auth/spreadsheets",
} as const;

const googleGmailSend = "https://www.googleapis.com/auth/gmail.send";
const googleDriveFile = "https://www.googleapis.com/auth/drive.file";

const google = {
  code: "google",
  name: "Google",
  category: "Productivity",
  authType: "oauth2",
  description: "Gmail, Drive, Calendar and Sheets for a Google account.",
  docsUrl: "https://developers.google.com/identity/protocols/oauth2/web-server",
  iconSlug: "google",
  api: { baseUrl: "https://www.googleapis.com", auth: bearer },
  oauth: {
    authorizationUrl: "https://accounts.google.com/o/oauth2/v2/auth",
    tokenUrl: "https://oauth2.googleapis.com/token",
    revokeUrl: "https://oauth2.googleapis.com/revoke",
    // Form `token`, no client authentication; revoking the refresh token ends the grant. 200 on success.
    // https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke
    revocation: { method: "POST", tokens: [{ kind: "refresh", as: "form", param: "token" }, { kind: "access", as: "form", param: "token" }], clientAuth: "none", successStatus: [200] },
    userinfoUrl: "https://openidconnect.googleapis.com/v1/userinfo",
    pkce: "supported",
    clientAuth: "body",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    // Minimal and non-restricted by default: gmail.modify and drive are "restricted" (a public app
    // needs verification plus a yearly CASA assessment), calendar and spreadsheets "sensitive".
    // The defaults send mail, reach files the app created or the user picked (drive.file, not
    // sensitive), and work calendars and sheets; reading mail or all of Drive is asked for with
    // `scopes` on POST /oauth/sessions. https://support.google.com/cloud/answer/13464325
    // https://developers.google.com/workspace/gmail/api/auth/scopes
    defaultScopes: ["openid", "email", "profile", googleGmailSend, googleDriveFile, googleScopes.calendar, googleScopes.sheets],
    scopes: [
      "openid",
      "email",
      "profile",
      ...Object.values(googleScopes),
      googleGmailSend,
      googleDriveFile,
      "https://www.googleapis.com/auth/gmail.readonly",
      "https://www.googleapis.com/auth/drive.readonly",
      "https://www.googleapis.com/auth/calendar.readonly",
      "https://www.googleapis.com/auth/spreadsheets.readonly",
    ],
    // A refresh token comes only with access_type=offline, and again on re-consent only with
    // prompt=consent; include_granted_scopes keeps earlier grants when scopes are added.
    // Apps left in "Testing" get refresh tokens that expire after 7 days.
    // https://developers.google.com/identity/protocols/oauth2/web-server#creatingclient
    extraAuthorizeParams: { access_type: "offline", prompt: "consent", include_granted_scopes: "true" },
    quirks: [],
    identity: { idField: "sub", labelField: "email", labelFallbackField: "name" },
  },
  services: [
    {
      code: "gmail",
      source: "https://developers.google.com/workspace/gmail/api/reference/rest",
      name: "Gmail",
      description: "Search, read, label and send email.",
      baseUrl: "https://gmail.googleapis.com/gmail/v1",
      scopes: [googleScopes.gmail],
      endpoints: [
        { method: "GET", path: "/users/me/messages?maxResults=10", description: "List message ids (add q= for Gmail search syntax)" },
        { method: "GET", path: "/users/me/messages/{messageId}?format=full", description: "Get one message with headers and body" },
        { method: "GET", path: "/users/me/threads?maxResults=10", description: "List threads" },
        { method: "POST", path: "/users/me/messages/send", description: "Send a message (raw = base64url RFC 2822)", body: '{"raw":"BASE64URL_MESSAGE"}' },
        { method: "POST", path: "/users/me/messages/{messageId}/modify", description: "Add or remove labels", body: '{"removeLabelIds":["UNREAD"]}' },
        { method: "GET", path: "/users/me/labels", description: "List labels" },
        { method: "POST", path: "/users/me/drafts", description: "Create a draft", body: '{"message":{"raw":"BASE64URL_MESSAGE"}}' },
      ],
    },
    {
      code: "drive",
      source: "https://developers.google.com/workspace/drive/api/reference/rest/v3",
      name: "Drive",
      description: "List, search, read and organise files.",
      baseUrl: "https://www.googleapis.com/drive/v3",
      scopes: [googleScopes.drive],
      endpoints: [
        { method: "GET", path: "/files?pageSize=10&fields=files(id,name,mimeType,modifiedTime)", description: "List files (add q= to search)" },
        { method: "GET", path: "/files/{fileId}?fields=*", description: "Get file metadata" },
        { method: "GET", path: "/files/{fileId}?alt=media", description: "Download file content" },
        { method: "GET", path: "/files/{fileId}/export?mimeType=text/plain", description: "Export a Google Doc" },
        { method: "POST", path: "/files", description: "Create a file or folder (metadata)", body: '{"name":"Notes","mimeType":"application/vnd.google-apps.folder"}' },
        { method: "PATCH", path: "/files/{fileId}", description: "Rename or move a file", body: '{"name":"Renamed"}' },
        { method: "DELETE", path: "/files/{fileId}", description: "Delete a file permanently" },
      ],
    },
    {
      code: "calendar",
      source: "https://developers.google.com/workspace/calendar/api/v3/reference",
      name: "Calendar",
      description: "Read and schedule calendar events.",
      baseUrl: "https://www.googleapis.com/calendar/v3",
      scopes: [googleScopes.calendar],
      endpoints: [
        { method: "GET", path: "/users/me/calendarList", description: "List calendars" },
        { method: "GET", path: "/calendars/primary/events?singleEvents=true&orderBy=startTime&maxResults=10", description: "List events (add timeMin=RFC 3339)" },
        { method: "GET", path: "/calendars/primary/events/{eventId}", description: "Get an event" },
        { method: "POST", path: "/calendars/primary/events", description: "Create an event", body: '{"summary":"Sync","start":{"dateTime":"2030-01-01T10:00:00Z"},"end":{"dateTime":"2030-01-01T10:30:00Z"}}' },
        { method: "PATCH", path: "/calendars/primary/events/{eventId}", description: "Update an event", body: '{"summary":"Moved"}' },
        { method: "DELETE", path: "/calendars/primary/events/{eventId}", description: "Delete an event" },
        { method: "POST", path: "/freeBusy", description: "Query free/busy", body: '{"timeMin":"2030-01-01T00:00:00Z","timeMax":"2030-01-02T00:00:00Z","items":[{"id":"primary"}]}' },
      ],
    },
    {
      code: "sheets",
      source: "https://developers.google.com/workspace/sheets/api/reference/rest",
      name: "Sheets",
      description: "Create spreadsheets and read or write cell ranges.",
      baseUrl: "https://sheets.googleapis.com/v4",
      scopes: [googleScopes.sheets],
      endpoints: [
        { method: "POST", path: "/spreadsheets", description: "Create a spreadsheet", body: '{"properties":{"title":"Agent sheet"}}' },
        { method: "GET", path: "/spreadsheets/{spreadsheetId}", description: "Get sheets and properties" },
        { method: "GET", path: "/spreadsheets/{spreadsheetId}/values/{range}", description: "Read a range (e.g. Sheet1!A1:D10)" },
        { method: "PUT", path: "/spreadsheets/{spreadsheetId}/values/{range}?valueInputOption=USER_ENTERED", description: "Write a range", body: '{"values":[["a","b"]]}' },
        { method: "POST", path: "/spreadsheets/{spreadsheetId}/values/{range}:append?valueInputOption=USER_ENTERED", description: "Append rows", body: '{"values":[["a","b"]]}' },
        { method: "POST", path: "/spreadsheets/{spreadsheetId}:batchUpdate", description: "Structural changes (add sheet, format)", body: '{"requests":[]}' },
      ],
    },
  ],
} satisfies OAuthProvider;

const graph = "https://graph.microsoft.com/v1.0";
const microsoftServiceScopes = {
  outlook: ["Mail.ReadWrite", "Mail.Send"],
  teams: ["Team.ReadBasic.All", "Channel.ReadBasic.All", "ChannelMessage.Send", "Chat.ReadWrite"],
  onedrive: ["Files.ReadWrite"],
  calendar: ["Calendars.ReadWrite"],
} as const;
const microsoftDefaults = ["openid", "profile", "email", "offline_access", "User.Read"] as const;

const microsoft = {
  code: "microsoft",
  name: "Microsoft",
  category: "Productivity",
  authType: "oauth2",
  description: "Outlook mail, Teams, OneDrive and calendar through Microsoft Graph.",
  docsUrl: "https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow",
  // Removed from simple-icons (trademark request).
  iconSlug: null,
  api: { baseUrl: graph, auth: bearer },
  oauth: {
    // `common` serves work and personal accounts; a single tenant uses OAUTH_MICROSOFT_*_URL overrides.
    authorizationUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    tokenUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
    // No per-token revoke endpoint in the identity platform.
    userinfoUrl: `${graph}/me`,
    pkce: "supported",
    clientAuth: "body",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    // offline_access is what yields a refresh token; refresh tokens rotate on use.
    // https://learn.microsoft.com/en-us/entra/identity-platform/refresh-tokens
    // Teams scopes are not defaults: Graph documents channel messages and joined teams as "not
    // supported" for personal Microsoft accounts, which the `common` authority admits.
    // https://learn.microsoft.com/en-us/graph/api/channel-post-messages#permissions
    defaultScopes: [...microsoftDefaults, ...microsoftServiceScopes.outlook, ...microsoftServiceScopes.onedrive, ...microsoftServiceScopes.calendar],
    scopes: [...microsoftDefaults, ...Object.values(microsoftServiceScopes).flat(), "Mail.Read", "Files.Read", "Calendars.Read"],
    extraAuthorizeParams: {},
    quirks: [],
    // `mail` is null for accounts without a mailbox; userPrincipalName always exists.
    identity: { idField: "id", labelField: "mail", labelFallbackField: "userPrincipalName" },
  },
  services: [
    {
      code: "outlook",
      source: "https://learn.microsoft.com/en-us/graph/api/resources/message?view=graph-rest-1.0",
      name: "Outlook",
      description: "Read, send and organise Outlook mail.",
      baseUrl: graph,
      scopes: [...microsoftServiceScopes.outlook],
      endpoints: [
        { method: "GET", path: "/me/messages?$top=10&$select=subject,from,receivedDateTime,isRead", description: "List recent messages" },
        { method: "GET", path: "/me/messages/{messageId}", description: "Get a message" },
        { method: "POST", path: "/me/sendMail", description: "Send a message", body: '{"message":{"subject":"Hi","body":{"contentType":"Text","content":"Hello"},"toRecipients":[{"emailAddress":{"address":"bob@example.com"}}]}}' },
        { method: "POST", path: "/me/messages/{messageId}/reply", description: "Reply to a message", body: '{"comment":"Thanks"}' },
        { method: "PATCH", path: "/me/messages/{messageId}", description: "Mark read, flag or move", body: '{"isRead":true}' },
        { method: "GET", path: "/me/mailFolders", description: "List mail folders" },
      ],
    },
    {
      code: "teams",
      source: "https://learn.microsoft.com/en-us/graph/api/resources/teams-api-overview?view=graph-rest-1.0",
      name: "Teams",
      description: "List teams and channels, read and post chat and channel messages.",
      baseUrl: graph,
      scopes: [...microsoftServiceScopes.teams],
      endpoints: [
        { method: "GET", path: "/me/joinedTeams", description: "List the user's teams" },
        { method: "GET", path: "/teams/{teamId}/channels", description: "List channels of a team" },
        { method: "POST", path: "/teams/{teamId}/channels/{channelId}/messages", description: "Post to a channel", body: '{"body":{"content":"Hello"}}' },
        { method: "GET", path: "/me/chats", description: "List chats" },
        { method: "GET", path: "/chats/{chatId}/messages", description: "Read chat messages" },
        { method: "POST", path: "/chats/{chatId}/messages", description: "Send a chat message", body: '{"body":{"content":"Hello"}}' },
      ],
    },
    {
      code: "onedrive",
      source: "https://learn.microsoft.com/en-us/graph/api/resources/driveitem?view=graph-rest-1.0",
      name: "OneDrive",
      description: "Browse, download and upload OneDrive files.",
      baseUrl: graph,
      scopes: [...microsoftServiceScopes.onedrive],
      endpoints: [
        { method: "GET", path: "/me/drive/root/children", description: "List the root folder" },
        { method: "GET", path: "/me/drive/items/{itemId}", description: "Get item metadata" },
        { method: "GET", path: "/me/drive/items/{itemId}/children", description: "List a folder" },
        { method: "GET", path: "/me/drive/items/{itemId}/content", description: "Download a file" },
        { method: "PUT", path: "/me/drive/root:/{fileName}:/content", description: "Upload a small file (up to 250 MB)" },
        { method: "GET", path: "/me/drive/root/search(q='{query}')", description: "Search files" },
        { method: "DELETE", path: "/me/drive/items/{itemId}", description: "Delete an item" },
      ],
    },
    {
      code: "calendar",
      source: "https://learn.microsoft.com/en-us/graph/api/resources/event?view=graph-rest-1.0",
      name: "Calendar",
      description: "Read and schedule Outlook calendar events.",
      baseUrl: graph,
      scopes: [...microsoftServiceScopes.calendar],
      endpoints: [
        { method: "GET", path: "/me/calendars", description: "List calendars" },
        { method: "GET", path: "/me/events?$top=10&$select=subject,start,end,attendees", description: "List events" },
        { method: "GET", path: "/me/calendarView?startDateTime={start}&endDateTime={end}", description: "Events in a time window (expands recurrences)" },
        { method: "POST", path: "/me/events", description: "Create an event", body: '{"subject":"Sync","start":{"dateTime":"2030-01-01T10:00:00","timeZone":"UTC"},"end":{"dateTime":"2030-01-01T10:30:00","timeZone":"UTC"}}' },
        { method: "PATCH", path: "/me/events/{eventId}", description: "Update an event", body: '{"subject":"Moved"}' },
        { method: "DELETE", path: "/me/events/{eventId}", description: "Delete an event" },
      ],
    },
  ],
} satisfies OAuthProvider;

const dropboxRpc = "https://api.dropboxapi.com/2";

const dropbox = {
  code: "dropbox",
  name: "Dropbox",
  category: "Productivity",
  authType: "oauth2",
  description: "Dropbox files and folders (RPC-style POST API).",
  docsUrl: "https://developers.dropbox.com/oauth-guide",
  iconSlug: "dropbox",
  api: { baseUrl: dropboxRpc, auth: bearer },
  oauth: {
    authorizationUrl: "https://www.dropbox.com/oauth2/authorize",
    tokenUrl: "https://api.dropboxapi.com/oauth2/token",
    revokeUrl: `${dropboxRpc}/auth/token/revoke`,
    // RPC with no arguments: it revokes the Bearer access token that authenticates the call.
    // https://www.dropbox.com/developers/documentation/http/documentation#auth-token-revoke
    revocation: { method: "POST", tokens: [{ kind: "access", as: "bearer" }], clientAuth: "none", successStatus: [200] },
    userinfoUrl: `${dropboxRpc}/users/get_current_account`,
    pkce: "supported",
    clientAuth: "body",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    defaultScopes: ["account_info.read", "files.metadata.read", "files.content.read", "files.content.write"],
    scopes: ["account_info.read", "files.metadata.read", "files.content.read", "files.content.write"],
    // Access tokens live 4 h; only token_access_type=offline returns a refresh token.
    // https://developers.dropbox.com/oauth-guide#implementing-oauth
    extraAuthorizeParams: { token_access_type: "offline" },
    quirks: ["dropbox-post-userinfo"],
    identity: { idField: "account_id", labelField: "email", quirk: "dropbox-post-userinfo" },
  },
  services: [
    {
      code: "files",
      source: "https://www.dropbox.com/developers/documentation/http/documentation",
      name: "Files",
      description:
        "Find, inspect, move and delete files. Content transfer uses https://content.dropboxapi.com/2/files/download and /upload with a Dropbox-API-Arg header.",
      baseUrl: dropboxRpc,
      scopes: ["files.metadata.read", "files.content.read", "files.content.write"],
      endpoints: [
        { method: "POST", path: "/files/search_v2", description: "Search files", body: '{"query":"report"}' },
        { method: "POST", path: "/files/get_metadata", description: "Get metadata", body: '{"path":"/Notes.txt"}' },
        { method: "POST", path: "/files/get_temporary_link", description: "Get a 4-hour download link", body: '{"path":"/Notes.txt"}' },
        { method: "POST", path: "/files/move_v2", description: "Move or rename", body: '{"from_path":"/a.txt","to_path":"/b.txt"}' },
        { method: "POST", path: "/files/copy_v2", description: "Copy", body: '{"from_path":"/a.txt","to_path":"/c.txt"}' },
        { method: "POST", path: "/files/delete_v2", description: "Delete a file or folder", body: '{"path":"/b.txt"}' },
      ],
    },
    {
      code: "folders",
      source: "https://www.dropbox.com/developers/documentation/http/documentation",
      name: "Folders",
      description: "List and create folders.",
      baseUrl: dropboxRpc,
      scopes: ["files.metadata.read", "files.content.write"],
      endpoints: [
        { method: "POST", path: "/files/list_folder", description: "List a folder (\"\" is the root)", body: '{"path":"","limit":25}' },
        { method: "POST", path: "/files/list_folder/continue", description: "Next page of a listing", body: '{"cursor":"CURSOR"}' },
        { method: "POST", path: "/files/create_folder_v2", description: "Create a folder", body: '{"path":"/Reports"}' },
        { method: "POST", path: "/files/list_folder/get_latest_cursor", description: "Cursor to watch a folder for changes", body: '{"path":"","recursive":true}' },
      ],
    },
  ],
} satisfies OAuthProvider;

export const oauthWorkspace = { google, microsoft, dropbox };
