/** OAuth providers for documents, data and design: Notion, Airtable, Calendly, Figma. */
import type { OAuthProvider } from "../provider-schema";

const bearer = { header: "Authorization", format: "Bearer {accessToken}" } as const;
const notionApi = "https://api.notion.com/v1";

const notion = {
  code: "notion",
  name: "Notion",
  category: "Productivity",
  authType: "oauth2",
  description: "Notion databases, pages and blocks the user shared with the integration.",
  docsUrl: "https://developers.notion.com/docs/authorization",
  iconSlug: "notion",
  api: {
    baseUrl: notionApi,
    auth: bearer,
    // Every call needs a Notion-Version. 2025-09-03 splits databases into data sources: rows are
    // queried at /data_sources/{id}/query (the database query endpoint is deprecated), and
    // GET /databases/{id} lists its data sources. https://developers.notion.com/reference/versioning
    // https://developers.notion.com/docs/upgrade-guide-2025-09-03
    extraHeaders: { "Notion-Version": "2025-09-03" },
  },
  oauth: {
    authorizationUrl: `${notionApi}/oauth/authorize`,
    tokenUrl: `${notionApi}/oauth/token`,
    revokeUrl: `${notionApi}/oauth/revoke`,
    // Basic client auth, JSON `{"token": <access token>}`, and a REQUIRED Notion-Version header.
    // https://developers.notion.com/reference/revoke-token
    revocation: { method: "POST", tokens: [{ kind: "access", as: "json", param: "token" }], clientAuth: "basic", headers: { "Notion-Version": "2025-09-03" }, successStatus: [200] },
    pkce: "none",
    clientAuth: "basic",
    tokenRequestFormat: "json",
    scopeSeparator: " ",
    // Notion has no scopes: capabilities are set on the integration and the user picks pages.
    defaultScopes: [],
    scopes: [],
    // owner=user is required on the authorize URL. https://developers.notion.com/docs/authorization
    extraAuthorizeParams: { owner: "user" },
    quirks: ["notion-owner-identity"],
    // A grant is per workspace, so the workspace is the account (one user may connect several).
    // Confirmed: the token response may carry refresh_token (and POST /v1/oauth/token with
    // grant_type=refresh_token refreshes it); honour it and expires_in when present.
    // https://developers.notion.com/reference/create-a-token, https://developers.notion.com/reference/refresh-a-token
    identity: {
      idField: "workspace_id",
      labelField: "workspace_name",
      labelFallbackField: "owner.user.person.email",
      quirk: "notion-owner-identity",
    },
  },
  services: [
    {
      code: "databases",
      source: "https://developers.notion.com/reference/versioning",
      name: "Databases",
      description: "Find databases and their data sources, query rows, create and change their schema (Notion-Version 2025-09-03).",
      baseUrl: notionApi,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/search", description: "Find data sources shared with the integration", body: '{"filter":{"property":"object","value":"data_source"}}' },
        { method: "GET", path: "/databases/{databaseId}", description: "Get a database and the ids of its data sources" },
        { method: "GET", path: "/data_sources/{dataSourceId}", description: "Get a data source and its properties (schema)" },
        { method: "POST", path: "/data_sources/{dataSourceId}/query", description: "Query rows (filter, sorts)", body: '{"page_size":20}' },
        { method: "POST", path: "/databases", description: "Create a database under a page", body: '{"parent":{"type":"page_id","page_id":"PAGE_ID"},"title":[{"text":{"content":"Tasks"}}],"initial_data_source":{"properties":{"Name":{"title":{}}}}}' },
        { method: "PATCH", path: "/data_sources/{dataSourceId}", description: "Change properties (schema)", body: '{"properties":{"Done":{"checkbox":{}}}}' },
      ],
    },
    {
      code: "pages",
      source: "https://developers.notion.com/reference/page",
      name: "Pages",
      description: "Find, read, create and update pages (database rows are pages).",
      baseUrl: notionApi,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/search", description: "Search pages by title", body: '{"query":"meeting notes","filter":{"property":"object","value":"page"}}' },
        { method: "GET", path: "/pages/{pageId}", description: "Get page properties" },
        { method: "POST", path: "/pages", description: "Create a page", body: '{"parent":{"page_id":"PAGE_ID"},"properties":{"title":{"title":[{"text":{"content":"Notes"}}]}}}' },
        { method: "PATCH", path: "/pages/{pageId}", description: "Update properties or archive", body: '{"archived":true}' },
        { method: "GET", path: "/pages/{pageId}/properties/{propertyId}", description: "Get one (paginated) property" },
      ],
    },
    {
      code: "blocks",
      source: "https://developers.notion.com/reference/block",
      name: "Blocks",
      description: "Read and edit page content block by block.",
      baseUrl: notionApi,
      scopes: [],
      endpoints: [
        { method: "GET", path: "/blocks/{blockId}/children?page_size=100", description: "Content of a page or block" },
        { method: "PATCH", path: "/blocks/{blockId}/children", description: "Append blocks", body: '{"children":[{"object":"block","type":"paragraph","paragraph":{"rich_text":[{"type":"text","text":{"content":"Hello"}}]}}]}' },
        { method: "GET", path: "/blocks/{blockId}", description: "Get a block" },
        { method: "PATCH", path: "/blocks/{blockId}", description: "Update a block", body: '{"paragraph":{"rich_text":[{"type":"text","text":{"content":"Edited"}}]}}' },
        { method: "DELETE", path: "/blocks/{blockId}", description: "Delete (archive) a block" },
      ],
    },
  ],
} satisfies OAuthProvider;

const airtableApi = "https://api.airtable.com/v0";

const airtable = {
  code: "airtable",
  name: "Airtable",
  category: "Data",
  authType: "oauth2",
  description: "Airtable bases, tables and records.",
  docsUrl: "https://airtable.com/developers/web/api/oauth-reference",
  iconSlug: "airtable",
  api: { baseUrl: airtableApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://airtable.com/oauth2/v1/authorize",
    tokenUrl: "https://airtable.com/oauth2/v1/token",
    userinfoUrl: `${airtableApi}/meta/whoami`,
    // PKCE is mandatory; confidential clients authenticate with HTTP Basic. Access 60 min, refresh 60 days.
    // The authorize request carries code_challenge + code_challenge_method=S256; scopes are a
    // space-delimited list. https://airtable.com/developers/web/api/oauth-reference
    pkce: "required",
    clientAuth: "basic",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    defaultScopes: ["user.email:read", "schema.bases:read", "schema.bases:write", "data.records:read", "data.records:write"],
    scopes: ["user.email:read", "schema.bases:read", "schema.bases:write", "data.records:read", "data.records:write"],
    extraAuthorizeParams: {},
    quirks: [],
    identity: { idField: "id", labelField: "email" },
  },
  services: [
    {
      code: "bases",
      source: "https://airtable.com/developers/web/api/introduction",
      name: "Bases",
      description: "List bases and their table schemas.",
      baseUrl: airtableApi,
      scopes: ["schema.bases:read", "schema.bases:write"],
      endpoints: [
        { method: "GET", path: "/meta/bases", description: "Bases the token can access" },
        { method: "GET", path: "/meta/bases/{baseId}/tables", description: "Tables, fields and views of a base" },
        { method: "POST", path: "/meta/bases/{baseId}/tables", description: "Create a table", body: '{"name":"Tasks","fields":[{"name":"Name","type":"singleLineText"}]}' },
        { method: "PATCH", path: "/meta/bases/{baseId}/tables/{tableId}", description: "Rename a table", body: '{"name":"Renamed"}' },
      ],
    },
    {
      code: "tables",
      source: "https://airtable.com/developers/web/api/introduction",
      name: "Tables",
      description: "Read and write records in a table.",
      baseUrl: airtableApi,
      scopes: ["data.records:read", "data.records:write"],
      endpoints: [
        { method: "GET", path: "/{baseId}/{tableIdOrName}?maxRecords=20", description: "List records (filterByFormula, view)" },
        { method: "GET", path: "/{baseId}/{tableIdOrName}/{recordId}", description: "Get a record" },
        { method: "POST", path: "/{baseId}/{tableIdOrName}", description: "Create up to 10 records", body: '{"records":[{"fields":{"Name":"New"}}]}' },
        { method: "PATCH", path: "/{baseId}/{tableIdOrName}", description: "Update up to 10 records", body: '{"records":[{"id":"RECORD_ID","fields":{"Name":"Edited"}}]}' },
        { method: "DELETE", path: "/{baseId}/{tableIdOrName}/{recordId}", description: "Delete a record" },
      ],
    },
  ],
} satisfies OAuthProvider;

const calendlyApi = "https://api.calendly.com";

const calendly = {
  code: "calendly",
  name: "Calendly",
  category: "Productivity",
  authType: "oauth2",
  description: "Calendly scheduled events, invitees and event types.",
  docsUrl: "https://developer.calendly.com/create-a-developer-account",
  iconSlug: "calendly",
  api: { baseUrl: calendlyApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://auth.calendly.com/oauth/authorize",
    tokenUrl: "https://auth.calendly.com/oauth/token",
    revokeUrl: "https://auth.calendly.com/oauth/revoke",
    // RFC 7009: form `token` with client_id/client_secret. Unverified: not re-fetched from
    // https://developer.calendly.com/api-docs/ (PROVIDERS.md); behaviour unchanged from before.
    revocation: { method: "POST", tokens: [{ kind: "refresh", as: "form", param: "token" }, { kind: "access", as: "form", param: "token" }], clientAuth: "body", successStatus: [200] },
    userinfoUrl: `${calendlyApi}/users/me`,
    pkce: "supported",
    clientAuth: "body",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    // Scopes are mandatory since 2026-03-03: apps created since then get no API access without
    // them. A :write scope includes its :read scope. Defaults read only; writes are asked for.
    // https://developer.calendly.com/scopes (users:read and scheduling_links:write are named
    // from the catalog's descriptions; the scope table was not fully legible). Access 2 h, refresh yes.
    defaultScopes: ["users:read", "scheduled_events:read", "event_types:read", "availability:read"],
    scopes: ["users:read", "scheduled_events:read", "scheduled_events:write", "scheduling_links:write", "event_types:read", "availability:read"],
    extraAuthorizeParams: {},
    quirks: [],
    identity: { idField: "resource.uri", labelField: "resource.email", labelFallbackField: "resource.name" },
  },
  services: [
    {
      code: "scheduling",
      source: "https://developer.calendly.com/api-docs",
      name: "Scheduling",
      description: "Booked meetings, invitees, cancellations and single-use booking links. Most lists need ?user=USER_URI from /users/me. Cancelling needs scheduled_events:write, booking links scheduling_links:write.",
      baseUrl: calendlyApi,
      scopes: ["users:read", "scheduled_events:write", "scheduling_links:write"],
      endpoints: [
        { method: "GET", path: "/users/me", description: "The user (resource.uri is the USER_URI)" },
        { method: "GET", path: "/scheduled_events?user={userUri}&status=active&sort=start_time:asc", description: "Scheduled events" },
        { method: "GET", path: "/scheduled_events/{eventUuid}", description: "Get an event" },
        { method: "GET", path: "/scheduled_events/{eventUuid}/invitees", description: "Invitees of an event" },
        { method: "POST", path: "/scheduled_events/{eventUuid}/cancellation", description: "Cancel an event", body: '{"reason":"Conflict"}' },
        { method: "POST", path: "/scheduling_links", description: "Single-use booking link", body: '{"max_event_count":1,"owner":"EVENT_TYPE_URI","owner_type":"EventType"}' },
      ],
    },
    {
      code: "event-types",
      source: "https://developer.calendly.com/api-docs",
      name: "Event types",
      description: "Event types and open slots.",
      baseUrl: calendlyApi,
      scopes: ["event_types:read", "availability:read"],
      endpoints: [
        { method: "GET", path: "/event_types?user={userUri}", description: "Event types of the user" },
        { method: "GET", path: "/event_types/{eventTypeUuid}", description: "Get an event type" },
        { method: "GET", path: "/event_type_available_times?event_type={eventTypeUri}&start_time={start}&end_time={end}", description: "Open slots (window up to 7 days)" },
        { method: "GET", path: "/user_availability_schedules?user={userUri}", description: "Working-hours schedules" },
      ],
    },
  ],
} satisfies OAuthProvider;

const figmaApi = "https://api.figma.com";
const figmaFileScopes = [
  "file_content:read",
  "file_metadata:read",
  "file_versions:read",
  "file_comments:read",
  "file_comments:write",
  "projects:read",
] as const;

const figma = {
  code: "figma",
  name: "Figma",
  category: "Design",
  authType: "oauth2",
  description: "Figma design files: nodes, rendered images, versions and comments.",
  docsUrl: "https://developers.figma.com/docs/rest-api/authentication/",
  iconSlug: "figma",
  api: { baseUrl: figmaApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://www.figma.com/oauth",
    tokenUrl: `${figmaApi}/v1/oauth/token`,
    refreshUrl: `${figmaApi}/v1/oauth/refresh`,
    userinfoUrl: `${figmaApi}/v1/me`,
    pkce: "none",
    // Unconfirmed: HTTP Basic client auth on the api.figma.com token endpoints comes from
    // PROVIDERS.md; the docs found only show older www.figma.com endpoints with body credentials.
    clientAuth: "basic",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    // Confirmed: files:read is deprecated in favour of granular scopes.
    // https://developers.figma.com/docs/rest-api/scopes/
    defaultScopes: ["current_user:read", ...figmaFileScopes],
    scopes: ["current_user:read", ...figmaFileScopes],
    extraAuthorizeParams: {},
    quirks: ["figma-refresh-endpoint"],
    identity: { idField: "id", labelField: "email", labelFallbackField: "handle" },
  },
  services: [
    {
      code: "files",
      source: "https://developers.figma.com/docs/rest-api/",
      name: "Design files",
      description: "Read file trees and nodes, render images, list versions, read and post comments.",
      baseUrl: figmaApi,
      scopes: [...figmaFileScopes],
      endpoints: [
        { method: "GET", path: "/v1/files/{fileKey}?depth=2", description: "File tree (fileKey is in the file URL)" },
        { method: "GET", path: "/v1/files/{fileKey}/nodes?ids={nodeIds}", description: "Specific nodes" },
        { method: "GET", path: "/v1/images/{fileKey}?ids={nodeIds}&format=png", description: "Render nodes to image URLs" },
        { method: "GET", path: "/v1/files/{fileKey}/meta", description: "File metadata" },
        { method: "GET", path: "/v1/files/{fileKey}/versions", description: "Version history" },
        { method: "GET", path: "/v1/files/{fileKey}/comments", description: "Comments" },
        { method: "POST", path: "/v1/files/{fileKey}/comments", description: "Post a comment", body: '{"message":"Looks good"}' },
        { method: "GET", path: "/v1/projects/{projectId}/files", description: "Files in a project" },
      ],
    },
  ],
} satisfies OAuthProvider;

export const oauthProductivity = { notion, airtable, calendly, figma };
