/**
 * Organization management (`/api/organizations/{org_slug}/services…`, AuthOS's paths, the
 * dashboard session) as OpenAPI operations. Request schemas are the ones the handlers parse
 * with; add a route here when you add one under app/api/organizations.
 */
import { createApiKeyBody, createPlanBody, createServiceBody, updatePlanBody, updateServiceBody } from "@/lib/service-api/contract";
import { EXAMPLE_IDS as ID, EXAMPLE_TIME, pageParams, pathParam, type OperationSpec } from "./operation";

const common = {
  401: { description: "UNAUTHORIZED: no dashboard session" },
  403: { description: "FORBIDDEN: a cross-site mutation, the organization is not active, or the member's role may not do this" },
  404: { description: "NOT_FOUND: unknown organization or service, or the caller is not a member (the same answer)" },
};
const badRequest = { 400: { description: "BAD_REQUEST: malformed JSON or an invalid field (the message names it)" } };
const conflict = (what: string) => ({ 409: { description: `DUPLICATE_CONSTRAINT: ${what}` } });

const ORG = "/api/organizations/{org_slug}";
const SVC = `${ORG}/services/{service_slug}`;
const orgParam = pathParam("org_slug", "The organization's slug");
const svcParams = [orgParam, pathParam("service_slug", "The service's slug")];

const service = {
  id: ID.serviceId,
  org_id: ID.orgId,
  slug: ID.serviceSlug,
  name: "Web app",
  service_type: "web",
  redirect_uris: ["https://app.example.com/akhrot/callback"],
  verify_provider_email: true,
  providers: [{ provider: "google", enabled: true, scopes: ["https://www.googleapis.com/auth/drive.readonly"] }],
  created_at: EXAMPLE_TIME,
};
const plan = { id: ID.planId, service_id: ID.serviceId, name: "pro", description: "For teams", price_cents: 1500, currency: "usd", features: ["sso"], stripe_price_id: null, is_default: false, created_at: EXAMPLE_TIME };
const apiKeyFields = { id: ID.apiKeyId, service_id: ID.serviceId, name: "backend", prefix: "aks_4kTz9QwL", permissions: ["read:users", "read:provider_tokens:google"], expires_at: "2026-10-01T12:00:00.000Z", created_at: EXAMPLE_TIME, created_by: ID.creatorId };
const apiKey = { ...apiKeyFields, last_used_at: null };

export const orgOperations: OperationSpec[] = [
  {
    family: "org", method: "get", path: ORG, summary: "The organization, as its member sees it", description: "Any member: the org, the caller's role and counts. Akhrot's route (AuthOS's shape for it was not read).",
    params: [orgParam],
    responses: { 200: { description: "The organization", schema: "Organization" }, ...common },
    examples: [{ name: "org", summary: "An owner reads the org", status: 200, response: { id: ID.orgId, slug: ID.orgSlug, name: "Acme", status: "active", created_at: EXAMPLE_TIME, role: "owner", member_count: 1, service_count: 1 } }],
  },
  {
    family: "org", method: "delete", path: ORG, summary: "Delete the organization", description: "Owners only, with `confirm` set to the org's slug. Its services, keys, plans, end users and their connections go with it; its keys stop working at once.",
    params: [orgParam, { name: "confirm", in: "query", description: "Required: the organization's slug again", schema: { type: "string" } }],
    responses: { 204: { description: "Deleted" }, ...badRequest, ...common },
    examples: [{ name: "delete", summary: "Delete", query: { confirm: ID.orgSlug }, status: 204 }],
  },
  {
    family: "org", method: "get", path: `${ORG}/services`, summary: "List the organization's services", description: "Any member.",
    params: [orgParam, ...pageParams],
    responses: { 200: { description: "A page of services", schema: "OrgServiceList" }, ...badRequest, ...common },
    examples: [{ name: "services", summary: "The services", status: 200, response: { services: [{ ...service, providers: [] }], total: 1 } }],
  },
  {
    family: "org", method: "post", path: `${ORG}/services`, summary: "Create a service", description: "Admins and owners. Creates the default `free` plan too. `github_scopes`/`google_scopes`/`microsoft_scopes` are AuthOS's columns, accepted as providers.",
    params: [orgParam], request: { name: "CreateServiceRequest", schema: createServiceBody },
    responses: { 201: { description: "The service", schema: "OrgService" }, ...badRequest, ...common, ...conflict("a service with this slug exists") },
    examples: [
      {
        name: "create",
        summary: "A web app that asks for Google Drive",
        body: { slug: ID.serviceSlug, name: "Web app", service_type: "web", redirect_uris: ["https://app.example.com/akhrot/callback"], providers: [{ provider: "google", scopes: ["https://www.googleapis.com/auth/drive.readonly"] }] },
        status: 201,
        response: service,
      },
    ],
  },
  {
    family: "org", method: "get", path: SVC, summary: "One service with its providers", description: "Any member.",
    params: svcParams,
    responses: { 200: { description: "The service", schema: "OrgService" }, ...common },
    examples: [{ name: "service", summary: "The service", status: 200, response: service }],
  },
  {
    family: "org", method: "patch", path: SVC, summary: "Update a service", description: "Admins and owners. Each entry of `providers` is upserted.",
    params: svcParams, request: { name: "UpdateServiceRequest", schema: updateServiceBody },
    responses: { 200: { description: "The service", schema: "OrgService" }, ...badRequest, ...common },
    examples: [{ name: "rename", summary: "Rename", body: { name: "Web app" }, status: 200, response: service }],
  },
  {
    family: "org", method: "delete", path: SVC, summary: "Delete a service", description: "Admins and owners. Its keys, plans, user links, grants and subscriptions go with it.",
    params: svcParams,
    responses: { 204: { description: "Deleted" }, ...common },
    examples: [{ name: "delete", summary: "Delete", status: 204 }],
  },
  {
    family: "org", method: "get", path: `${SVC}/plans`, summary: "List a service's plans", description: "Any member.",
    params: svcParams,
    responses: { 200: { description: "The plans", schema: "PlanList" }, ...common },
    examples: [{ name: "plans", summary: "The plans", status: 200, response: { plans: [plan], total: 1 } }],
  },
  {
    family: "org", method: "post", path: `${SVC}/plans`, summary: "Create a plan", description: "Admins and owners. Names are unique per service.",
    params: svcParams, request: { name: "CreatePlanRequest", schema: createPlanBody },
    responses: { 201: { description: "The plan", schema: "Plan" }, ...badRequest, ...common, ...conflict("a plan with this name exists") },
    examples: [{ name: "create", summary: "A paid plan", body: { name: "pro", description: "For teams", price_cents: 1500, currency: "usd", features: ["sso"] }, status: 201, response: plan }],
  },
  {
    family: "org", method: "patch", path: `${SVC}/plans/{plan_id}`, summary: "Update a plan", description: "Admins and owners.",
    params: [...svcParams, pathParam("plan_id", "The plan's id")], request: { name: "UpdatePlanRequest", schema: updatePlanBody },
    responses: { 200: { description: "The plan", schema: "Plan" }, ...badRequest, ...common, ...conflict("a plan with this name exists") },
    examples: [{ name: "default", summary: "Make it the default", body: { is_default: true }, status: 200, response: { ...plan, is_default: true } }],
  },
  {
    family: "org", method: "delete", path: `${SVC}/plans/{plan_id}`, summary: "Delete a plan", description: "Admins and owners. Refused (400) while subscriptions use it.",
    params: [...svcParams, pathParam("plan_id", "The plan's id")],
    responses: { 204: { description: "Deleted" }, ...badRequest, ...common },
    examples: [{ name: "delete", summary: "Delete", status: 204 }],
  },
  {
    family: "org", method: "get", path: `${SVC}/api-keys`, summary: "List a service's keys", description: "Any member. Newest first; never the key itself.",
    params: [...svcParams, ...pageParams],
    responses: { 200: { description: "A page of keys", schema: "ApiKeyList" }, ...badRequest, ...common },
    examples: [{ name: "keys", summary: "The keys", status: 200, response: { api_keys: [apiKey], total: 1 } }],
  },
  {
    family: "org", method: "post", path: `${SVC}/api-keys`, summary: "Mint a service key (shown once)", description: "Admins and owners. `key` is in this answer only.",
    params: svcParams, request: { name: "CreateApiKeyRequest", schema: createApiKeyBody },
    responses: { 201: { description: "The key, with its secret", schema: "ApiKeyCreated" }, ...badRequest, ...common },
    examples: [
      {
        name: "create",
        summary: "A backend key that may read users and Google tokens",
        body: { name: "backend", permissions: ["read:users", "read:provider_tokens:google"], expires_in_days: 30 },
        status: 201,
        response: { ...apiKeyFields, key: "aks_4kTz9QwLm3Xc8VbN1pR7sD2fG6hJ0kY5tE9uA4oZ1qWx2Bc7H" },
      },
    ],
  },
  {
    family: "org", method: "get", path: `${SVC}/api-keys/{api_key_id}`, summary: "One service key", description: "Any member.",
    params: [...svcParams, pathParam("api_key_id", "The key's id")],
    responses: { 200: { description: "The key, without its secret", schema: "ApiKey" }, ...common },
    examples: [{ name: "key", summary: "The key", status: 200, response: apiKey }],
  },
  {
    family: "org", method: "delete", path: `${SVC}/api-keys/{api_key_id}`, summary: "Revoke a service key", description: "Admins and owners.",
    params: [...svcParams, pathParam("api_key_id", "The key's id")],
    responses: { 204: { description: "Revoked" }, ...common },
    examples: [{ name: "revoke", summary: "Revoke", status: 204 }],
  },
];
