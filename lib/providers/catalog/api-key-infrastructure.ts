/** API-key providers for hosting and operations: Cloudflare, Vercel, Railway, PagerDuty. */
import type { ApiKeyProvider, ApiKeyUsage, CredentialField } from "../provider-schema";
import { apiFromUsage } from "./api-from-usage";

const apiTokenField: CredentialField = { name: "apiToken", label: "API token", secret: true, required: true };

const cloudflareUsage: ApiKeyUsage = { header: "Authorization", format: "Bearer {apiToken}", baseUrl: "https://api.cloudflare.com/client/v4" };

const cloudflare = {
  code: "cloudflare",
  name: "Cloudflare",
  category: "Infrastructure",
  authType: "api_key",
  description: "DNS records and CDN cache/settings for Cloudflare zones (scoped API token).",
  docsUrl: "https://developers.cloudflare.com/fundamentals/api/get-started/create-token/",
  iconSlug: "cloudflare",
  credentialFields: [
    apiTokenField,
    // Account-owned tokens are verified under their account, user tokens under /user.
    { name: "accountId", label: "Account ID (account-owned tokens only)", secret: false, required: false, pattern: "^[0-9a-f]{32}$", patternHint: "The 32-character account ID from the dashboard URL or Overview page" },
  ],
  accessTokenField: "apiToken",
  usage: cloudflareUsage,
  api: apiFromUsage(cloudflareUsage),
  // GET /user/tokens/verify only knows user-owned tokens; an account-owned token is verified at
  // GET /accounts/{account_id}/tokens/verify. Both answer {"success": true, "result": {"status": "active"}}.
  // https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/
  // https://developers.cloudflare.com/api/resources/accounts/subresources/tokens/methods/verify/
  verify: { method: "GET", path: "/user/tokens/verify", variants: [{ field: "accountId", path: "/accounts/{accountId}/tokens/verify" }], okField: "success" },
  services: [
    {
      code: "dns",
      source: "https://developers.cloudflare.com/api/resources/dns/subresources/records/",
      name: "DNS",
      description: "List zones and manage their DNS records.",
      baseUrl: cloudflareUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "GET", path: "/zones?per_page=50", description: "Zones the token can access (zone id)" },
        { method: "GET", path: "/zones/{zoneId}/dns_records?per_page=100", description: "DNS records of a zone" },
        { method: "POST", path: "/zones/{zoneId}/dns_records", description: "Create a record", body: '{"type":"A","name":"www","content":"203.0.113.10","ttl":1,"proxied":true}' },
        { method: "PATCH", path: "/zones/{zoneId}/dns_records/{recordId}", description: "Change a record", body: '{"content":"203.0.113.11"}' },
        { method: "DELETE", path: "/zones/{zoneId}/dns_records/{recordId}", description: "Delete a record" },
      ],
    },
    {
      code: "cdn",
      source: "https://developers.cloudflare.com/api/resources/cache/methods/purge/",
      name: "CDN",
      description: "Purge cache and tune zone settings and rules.",
      baseUrl: cloudflareUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/zones/{zoneId}/purge_cache", description: "Purge URLs (or everything)", body: '{"files":["https://example.com/style.css"]}' },
        { method: "GET", path: "/zones/{zoneId}/settings", description: "All zone settings" },
        { method: "PATCH", path: "/zones/{zoneId}/settings/{settingId}", description: "Change one setting (e.g. cache_level)", body: '{"value":"aggressive"}' },
        { method: "GET", path: "/zones/{zoneId}/rulesets", description: "Rulesets (cache, redirect, WAF rules)" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

const vercelUsage: ApiKeyUsage = {
  header: "Authorization",
  format: "Bearer {apiToken}",
  baseUrl: "https://api.vercel.com",
  note: "Team resources need ?teamId=TEAM_ID on each call.",
};

const vercel = {
  code: "vercel",
  name: "Vercel",
  category: "Infrastructure",
  authType: "api_key",
  description: "Vercel deployments and projects.",
  docsUrl: "https://vercel.com/docs/rest-api#authentication",
  iconSlug: "vercel",
  credentialFields: [apiTokenField],
  accessTokenField: "apiToken",
  usage: vercelUsage,
  api: apiFromUsage(vercelUsage),
  verify: { method: "GET", path: "/v2/user" },
  services: [
    {
      code: "deployments",
      source: "https://vercel.com/docs/rest-api",
      name: "Deployments",
      description: "List, inspect, create and cancel deployments; read build logs.",
      baseUrl: vercelUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "GET", path: "/v6/deployments?limit=20", description: "Recent deployments" },
        { method: "GET", path: "/v13/deployments/{idOrUrl}", description: "Get a deployment (state, url)" },
        { method: "GET", path: "/v3/deployments/{idOrUrl}/events", description: "Build logs" },
        { method: "POST", path: "/v13/deployments", description: "Deploy a Git ref", body: '{"name":"my-app","gitSource":{"type":"github","repoId":"REPO_ID","ref":"main"}}' },
        { method: "PATCH", path: "/v12/deployments/{id}/cancel", description: "Cancel a build" },
        { method: "GET", path: "/v10/projects?limit=20", description: "Projects" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

const railwayUsage: ApiKeyUsage = {
  header: "Authorization",
  format: "Bearer {apiToken}",
  baseUrl: "https://backboard.railway.com",
  // Account and workspace tokens go in `Authorization: Bearer`; a project token (scoped to one
  // environment) goes in `Project-Access-Token` instead. https://docs.railway.com/guides/public-api
  note: "Account and workspace tokens use Authorization: Bearer. A project token goes in Project-Access-Token: {apiToken} instead (no Authorization header). GraphQL errors come back as HTTP 200 with an `errors` array.",
};
const railwayGql = (query: string, variables?: Record<string, unknown>): string =>
  JSON.stringify(variables === undefined ? { query } : { query, variables });

const railway = {
  code: "railway",
  name: "Railway",
  category: "Infrastructure",
  authType: "api_key",
  description: "Railway projects, services, deployments and variables (GraphQL).",
  docsUrl: "https://docs.railway.com/reference/public-api",
  iconSlug: "railway",
  credentialFields: [apiTokenField, { name: "tokenKind", label: "Token kind", secret: false, required: true, options: ["account", "workspace", "project"] }],
  accessTokenField: "apiToken",
  usage: railwayUsage,
  api: apiFromUsage(railwayUsage),
  // `me` exists only for account tokens; a project token answers `projectToken`, a workspace
  // token lists its projects. Errors (a bad token included) can come back as HTTP 200 `errors`.
  // https://docs.railway.com/guides/public-api (the workspace query is unverified)
  verify: {
    method: "POST",
    path: "/graphql/v2",
    body: railwayGql("{ me { id } }"),
    variants: [
      { field: "tokenKind", equals: "project", header: "Project-Access-Token", format: "{apiToken}", body: railwayGql("{ projectToken { projectId environmentId } }") },
      { field: "tokenKind", equals: "workspace", body: railwayGql("{ projects { edges { node { id } } } }") },
    ],
    refusedWhenField: "errors",
  },
  services: [
    {
      code: "services",
      source: "https://docs.railway.com/reference/public-api",
      name: "Databases & services",
      description: "Projects and their services (databases included), deployments, redeploys and variables (POST /graphql/v2).",
      baseUrl: railwayUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/graphql/v2", description: "The account", body: railwayGql("{ me { id name email } }") },
        { method: "POST", path: "/graphql/v2", description: "Projects with services and environments", body: railwayGql("{ projects { edges { node { id name services { edges { node { id name } } } environments { edges { node { id name } } } } } } }") },
        { method: "POST", path: "/graphql/v2", description: "Recent deployments of a service", body: railwayGql("query($input: DeploymentListInput!) { deployments(input: $input, first: 5) { edges { node { id status createdAt } } } }", { input: { projectId: "PROJECT_ID", serviceId: "SERVICE_ID" } }) },
        { method: "POST", path: "/graphql/v2", description: "Redeploy a service", body: railwayGql("mutation($serviceId: String!, $environmentId: String!) { serviceInstanceRedeploy(serviceId: $serviceId, environmentId: $environmentId) }", { serviceId: "SERVICE_ID", environmentId: "ENV_ID" }) },
        { method: "POST", path: "/graphql/v2", description: "Variables of a service (database URLs included)", body: railwayGql("query($p: String!, $e: String!, $s: String) { variables(projectId: $p, environmentId: $e, serviceId: $s) }", { p: "PROJECT_ID", e: "ENV_ID", s: "SERVICE_ID" }) },
        { method: "POST", path: "/graphql/v2", description: "Set a variable", body: railwayGql("mutation($input: VariableUpsertInput!) { variableUpsert(input: $input) }", { input: { projectId: "PROJECT_ID", environmentId: "ENV_ID", serviceId: "SERVICE_ID", name: "KEY", value: "VALUE" } }) },
      ],
    },
  ],
} satisfies ApiKeyProvider;

const pagerdutyUsage: ApiKeyUsage = {
  header: "Authorization",
  format: "Token token={apiKey}",
  baseUrl: "https://api.pagerduty.com",
  // EU service-region accounts use their own API host. https://support.pagerduty.com/main/docs/service-regions
  baseUrlVariants: { field: "region", values: { us: "https://api.pagerduty.com", eu: "https://api.eu.pagerduty.com" } },
  // https://developer.pagerduty.com/docs/authentication
  extraHeaders: { Accept: "application/vnd.pagerduty+json;version=2" },
  note: "Writes by a general-access key also need a From: header with a valid user's email.",
};

const pagerduty = {
  code: "pagerduty",
  name: "PagerDuty",
  category: "Infrastructure",
  authType: "api_key",
  description: "PagerDuty incidents, services and on-call schedules (REST API key).",
  docsUrl: "https://developer.pagerduty.com/docs/authentication",
  iconSlug: "pagerduty",
  credentialFields: [
    { name: "apiKey", label: "REST API key", secret: true, required: true },
    { name: "region", label: "Service region", secret: false, required: true, options: ["us", "eu"] },
  ],
  accessTokenField: "apiKey",
  usage: pagerdutyUsage,
  api: apiFromUsage(pagerdutyUsage),
  verify: { method: "GET", path: "/abilities" },
  services: [
    {
      code: "incidents",
      source: "https://developer.pagerduty.com/api-reference/",
      name: "Incidents",
      description: "List, open, acknowledge, resolve and annotate incidents; see who is on call. EU accounts use https://api.eu.pagerduty.com.",
      baseUrl: pagerdutyUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "GET", path: "/incidents?limit=25&sort_by=created_at:desc", description: "Recent incidents" },
        { method: "GET", path: "/incidents/{incidentId}", description: "Get an incident" },
        { method: "POST", path: "/incidents", description: "Open an incident (From: header)", body: '{"incident":{"type":"incident","title":"Disk full","service":{"id":"SERVICE_ID","type":"service_reference"}}}' },
        { method: "PUT", path: "/incidents/{incidentId}", description: "Acknowledge or resolve (From: header)", body: '{"incident":{"type":"incident_reference","status":"acknowledged"}}' },
        { method: "POST", path: "/incidents/{incidentId}/notes", description: "Add a note (From: header)", body: '{"note":{"content":"Investigating"}}' },
        { method: "GET", path: "/services?limit=25", description: "Services" },
        { method: "GET", path: "/oncalls?limit=25", description: "Who is on call" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

export const apiKeyInfrastructure = { cloudflare, vercel, railway, pagerduty };
