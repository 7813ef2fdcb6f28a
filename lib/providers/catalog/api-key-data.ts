/** API-key providers for databases: MongoDB (Atlas), Supabase. */
import type { ApiKeyProvider, ApiKeyUsage } from "../provider-schema";
import { apiFromUsage } from "./api-from-usage";

const uuidPattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

// Confirmed: the Atlas Administration API authenticates API keys with HTTP Digest (public key as
// user, private key as password) and versions responses through the Accept header.
// https://www.mongodb.com/docs/atlas/api/api-authentication/
const atlasUsage: ApiKeyUsage = {
  header: "Authorization",
  format: "Digest {publicKey}:{privateKey}",
  baseUrl: "https://cloud.mongodb.com/api/atlas/v2",
  extraHeaders: { Accept: "application/vnd.atlas.2025-03-12+json" },
  // API keys are now "legacy" next to service accounts (OAuth 2 client credentials), which
  // this entry does not take yet; keys keep working. https://www.mongodb.com/docs/atlas/api/api-authentication/
  note: "HTTP Digest: curl --digest --user PUBLIC_KEY:PRIVATE_KEY (the header is computed per request). Data access uses a MongoDB driver with the connection string. MongoDB now recommends service accounts over API keys for new automation; API keys keep working.",
};

const mongodb = {
  code: "mongodb",
  name: "MongoDB",
  category: "Data",
  authType: "api_key",
  description: "A MongoDB connection string for drivers, and/or an Atlas API key pair for the Atlas Administration API.",
  docsUrl: "https://www.mongodb.com/docs/atlas/configure-api-access/",
  iconSlug: "mongodb",
  credentialFields: [
    { name: "connectionString", label: "Connection string", secret: true, required: false, pattern: "^mongodb(\\+srv)?://\\S+$", patternHint: "Starts with mongodb+srv:// or mongodb://" },
    { name: "publicKey", label: "Atlas public key", secret: false, required: false, pattern: "^[a-z]{8}$", patternHint: "Atlas public keys are 8 lowercase letters" },
    { name: "privateKey", label: "Atlas private key", secret: true, required: false, pattern: uuidPattern, patternHint: "Atlas private keys are UUIDs" },
  ],
  // The connection string is what most agents need; the key pair comes under `fields`.
  accessTokenField: "connectionString",
  requireOneOf: [["connectionString"], ["publicKey", "privateKey"]],
  usage: atlasUsage,
  api: apiFromUsage(atlasUsage),
  // A real Digest round trip (401 challenge, then the answer); skipped when only a connection string is given.
  verify: { method: "GET", path: "/orgs", digest: { username: "publicKey", password: "privateKey" } },
  services: [
    {
      code: "database",
      source: "https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/",
      name: "Database",
      description: "Atlas projects, clusters, database users and IP access list. Query data with a driver and the connection string.",
      baseUrl: atlasUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "GET", path: "/groups", description: "Projects (groups) the key can access" },
        { method: "GET", path: "/groups/{groupId}/clusters", description: "Clusters of a project" },
        { method: "GET", path: "/groups/{groupId}/clusters/{clusterName}", description: "Cluster details (connection strings)" },
        { method: "GET", path: "/groups/{groupId}/databaseUsers", description: "Database users" },
        { method: "POST", path: "/groups/{groupId}/databaseUsers", description: "Create a database user", body: '{"databaseName":"admin","username":"agent","password":"CHANGE_ME","roles":[{"databaseName":"app","roleName":"readWrite"}]}' },
        { method: "GET", path: "/groups/{groupId}/accessList", description: "IP access list" },
        { method: "POST", path: "/groups/{groupId}/accessList", description: "Allow an IP address", body: '[{"ipAddress":"203.0.113.10","comment":"agent"}]' },
      ],
    },
  ],
} satisfies ApiKeyProvider;

const supabaseUsage: ApiKeyUsage = {
  header: "apikey",
  format: "{apiKey}",
  baseUrl: "{projectUrl}",
  extraHeaders: { Authorization: "Bearer {apiKey}" },
};

const supabase = {
  code: "supabase",
  name: "Supabase",
  category: "Data",
  authType: "api_key",
  description: "A Supabase project's Postgres through the auto-generated REST API (PostgREST).",
  docsUrl: "https://supabase.com/docs/guides/api/api-keys",
  iconSlug: "supabase",
  credentialFields: [
    {
      name: "projectUrl",
      label: "Project URL",
      secret: false,
      required: true,
      // No trailing slash: templates append paths to it.
      pattern: "^https://[A-Za-z0-9.-]+(:[0-9]+)?$",
      patternHint: "Your project URL without a trailing slash, e.g. https://xyzcompany.supabase.co",
    },
    {
      name: "apiKey",
      label: "Service role or secret key",
      secret: true,
      required: true,
      pattern: "^(eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+|sb_secret_[A-Za-z0-9_-]+)$",
      patternHint: "A service_role key (eyJ...) or a secret key (sb_secret_...)",
    },
  ],
  accessTokenField: "apiKey",
  usage: supabaseUsage,
  api: apiFromUsage(supabaseUsage),
  verify: { method: "GET", path: "/rest/v1/" },
  services: [
    {
      code: "database",
      source: "https://supabase.com/docs/guides/api",
      name: "Database",
      description: "Read and write tables and call SQL functions. Filters are query params (id=eq.1).",
      baseUrl: "{projectUrl}/rest/v1",
      scopes: [],
      endpoints: [
        { method: "GET", path: "/", description: "OpenAPI description of the exposed tables" },
        { method: "GET", path: "/{table}?select=*&limit=20", description: "Read rows" },
        { method: "POST", path: "/{table}", description: "Insert rows (Prefer: return=representation)", body: '{"name":"New"}' },
        { method: "PATCH", path: "/{table}?id=eq.{id}", description: "Update matching rows", body: '{"name":"Edited"}' },
        { method: "DELETE", path: "/{table}?id=eq.{id}", description: "Delete matching rows" },
        { method: "POST", path: "/rpc/{function}", description: "Call a Postgres function", body: "{}" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

export const apiKeyData = { mongodb, supabase };
