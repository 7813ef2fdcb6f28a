/**
 * The service API (`/api/service/*`, X-Api-Key, AUTHOS-SERVICE-API.md §1.4) as OpenAPI
 * operations. Request schemas are the ones the handlers parse with; add a route here when
 * you add one under app/api/service (the contract test replays every example).
 */
import { createSubscriptionBody, createUserBody, providerTokensBody, updateInfoBody, updateSubscriptionBody, updateUserBody } from "@/lib/service-api/contract";
import { EXAMPLE_IDS as ID, EXAMPLE_TIME, errorExample, pageParams, pathParam, type OperationSpec } from "./operation";

const common = {
  401: { description: "UNAUTHORIZED: X-Api-Key missing, malformed, unknown, expired, or its organization is not active" },
  403: { description: "FORBIDDEN: the key lacks the route's permission" },
  429: { description: "TOO_MANY_REQUESTS: the per-key limit; Retry-After says when to retry" },
};
const badRequest = { 400: { description: "BAD_REQUEST: malformed JSON or query, wrong types (the message names the field)" } };
const notLinked = { 404: { description: "NOT_FOUND: the user is unknown, belongs to another service, or is not linked" } };
const userParam = pathParam("user_id", "The end user's id (from POST /api/service/users)");

const user = { id: ID.userId, email: "ada@example.com", created_at: EXAMPLE_TIME };
const subscription = { id: ID.subscriptionId, user_id: ID.userId, plan_id: ID.planId, plan_name: "free", status: "active", current_period_end: "2026-10-01T12:00:00.000Z" };
const info = { id: ID.serviceId, name: "Web app", slug: ID.serviceSlug, service_type: "web", created_at: EXAMPLE_TIME };

export const serviceOperations: OperationSpec[] = [
  {
    family: "service", method: "get", path: "/api/service/users", summary: "List the service's end users", description: "Most recently linked first; `total` counts every linked user.", permission: "read:users",
    params: pageParams,
    responses: { 200: { description: "A page of users", schema: "ServiceUserList" }, ...badRequest, ...common },
    examples: [{ name: "page", summary: "The first page", query: { limit: "10" }, status: 200, response: { users: [user], total: 1 } }],
  },
  {
    family: "service", method: "post", path: "/api/service/users", summary: "Link an end user by email", description: "201 when newly linked, 200 (same body) when already linked.", permission: "write:users",
    request: { name: "CreateUserRequest", schema: createUserBody },
    responses: { 200: { description: "Already linked", schema: "ServiceUser" }, 201: { description: "Linked", schema: "ServiceUser" }, ...badRequest, ...common },
    examples: [{ name: "link", summary: "Link ada@example.com", body: { email: "ada@example.com" }, status: 201, response: user }],
  },
  {
    family: "service", method: "get", path: "/api/service/users/{user_id}", summary: "One linked end user", permission: "read:users",
    params: [userParam],
    responses: { 200: { description: "The user", schema: "ServiceUser" }, ...notLinked, ...common },
    examples: [{ name: "user", summary: "A linked user", status: 200, response: user }],
  },
  {
    family: "service", method: "patch", path: "/api/service/users/{user_id}", summary: "Update an end user (nothing a service key may change)", description: "As in AuthOS, an `email` is refused with 403; without it the user is returned unchanged.", permission: "write:users",
    params: [userParam], request: { name: "UpdateUserRequest", schema: updateUserBody },
    responses: { 200: { description: "The user, unchanged", schema: "ServiceUser" }, ...badRequest, ...notLinked, ...common },
    examples: [{ name: "noop", summary: "An empty update", body: {}, status: 200, response: user }],
  },
  {
    family: "service", method: "delete", path: "/api/service/users/{user_id}", summary: "Unlink an end user from this service", description: "Pending grant links are canceled, the subscription deleted and this service's grants revoked; the user's connections stay theirs.", permission: "delete:users",
    params: [userParam],
    responses: { 204: { description: "Unlinked" }, ...notLinked, ...common },
    examples: [{ name: "unlink", summary: "Unlink a user", status: 204 }],
  },
  {
    family: "service", method: "get", path: "/api/service/subscriptions", summary: "List subscriptions", description: "Latest period end first; `status` filters and `total` follows the filter.", permission: "read:subscriptions",
    params: [...pageParams, { name: "status", in: "query", description: "Exact status to keep, e.g. active", schema: { type: "string" } }],
    responses: { 200: { description: "A page of subscriptions", schema: "SubscriptionList" }, ...badRequest, ...common },
    examples: [{ name: "active", summary: "Active subscriptions", query: { status: "active" }, status: 200, response: { subscriptions: [subscription], total: 1 } }],
  },
  {
    family: "service", method: "post", path: "/api/service/subscriptions", summary: "Subscribe a linked user to a plan", description: "200 as in AuthOS. `status` defaults to active, `current_period_end` to 30 days from now.", permission: "write:subscriptions",
    request: { name: "CreateSubscriptionRequest", schema: createSubscriptionBody },
    responses: {
      200: { description: "The subscription", schema: "Subscription" },
      ...badRequest,
      ...common,
      404: { description: "NOT_FOUND: unknown plan, or the user is not linked" },
      409: { description: "DUPLICATE_CONSTRAINT: the user already has a subscription to this service" },
    },
    examples: [{ name: "subscribe", summary: "Subscribe to the free plan", body: { user_id: ID.userId, plan_id: ID.planId }, status: 200, response: subscription }],
  },
  {
    family: "service", method: "get", path: "/api/service/subscriptions/{user_id}", summary: "A user's subscription", permission: "read:subscriptions",
    params: [userParam],
    responses: { 200: { description: "The subscription", schema: "Subscription" }, 404: { description: "NOT_FOUND: no subscription for this user" }, ...common },
    examples: [{ name: "subscription", summary: "The user's subscription", status: 200, response: subscription }],
  },
  {
    family: "service", method: "patch", path: "/api/service/subscriptions/{user_id}", summary: "Change status or period end", permission: "write:subscriptions",
    params: [userParam], request: { name: "UpdateSubscriptionRequest", schema: updateSubscriptionBody },
    responses: { 200: { description: "The subscription", schema: "Subscription" }, ...badRequest, 404: { description: "NOT_FOUND: the user is not linked or has no subscription" }, ...common },
    examples: [{ name: "cancel", summary: "Cancel", body: { status: "cancelled" }, status: 200, response: { ...subscription, status: "cancelled" } }],
  },
  {
    family: "service", method: "delete", path: "/api/service/subscriptions/{user_id}", summary: "Delete a user's subscription", permission: "delete:subscriptions",
    params: [userParam],
    responses: { 204: { description: "Deleted" }, 404: { description: "NOT_FOUND: the user is not linked or has no subscription" }, ...common },
    examples: [{ name: "delete", summary: "Delete", status: 204 }],
  },
  {
    family: "service", method: "get", path: "/api/service/analytics", summary: "Counts for the service", description: "AuthOS's five counts (30-day windows are rolling) plus provider tokens issued and end-user connections by provider.", permission: "read:analytics",
    responses: { 200: { description: "The counts", schema: "ServiceAnalytics" }, ...common },
    examples: [{ name: "counts", summary: "Counts", status: 200, response: { total_users: 1, total_subscriptions: 1, active_subscriptions: 1, total_logins_30d: 0, unique_users_30d: 0, provider_tokens_issued_30d: 0, connections_by_provider: {} } }],
  },
  {
    family: "service", method: "get", path: "/api/service/info", summary: "The key's service", permission: "read:service",
    responses: { 200: { description: "The service", schema: "ServiceInfo" }, ...common },
    examples: [{ name: "info", summary: "The service", status: 200, response: info }],
  },
  {
    family: "service", method: "patch", path: "/api/service/info", summary: "Rename the key's service", description: "Without `name` the service is returned unchanged.", permission: "write:service",
    request: { name: "UpdateServiceInfoRequest", schema: updateInfoBody },
    responses: { 200: { description: "The service", schema: "ServiceInfo" }, ...badRequest, ...common },
    examples: [{ name: "rename", summary: "Rename", body: { name: "Web app" }, status: 200, response: info }],
  },
  {
    family: "service", method: "post", path: "/api/service/provider-tokens", summary: "A provider token for an end user, or the link they must open",
    description:
      "Always 200 when the request is valid: `status: ok` with the token (the grant's scopes), or `status: action_required` with a 15-minute single-use `reauth_url` for the end user and a `code` saying why. Needs `read:provider_tokens` or `read:provider_tokens:<provider>`.",
    request: { name: "ProviderTokenRequest", schema: providerTokensBody },
    responses: {
      200: { description: "The token (`ok`) or the link (`action_required`)", schema: "ProviderTokenResponse" },
      400: { description: "BAD_REQUEST: malformed body, scopes outside the service's allow-list, or a redirect_uri that is not registered" },
      401: common[401],
      403: { description: "FORBIDDEN: missing permission, or the provider is not configured for the service" },
      ...notLinked,
      429: common[429],
    },
    examples: [
      {
        name: "action_required",
        summary: "The user has not connected Google yet",
        body: { user_id: ID.userId, provider: "google", scopes: ["https://www.googleapis.com/auth/drive.readonly"] },
        status: 200,
        response: { status: "action_required", code: "PROVIDER_LINK_REQUIRED", reauth_url: "https://akhrot.example.com/connect/provider-token/3q2-7wKa9xT0sLm4ZbV1nQe8RcY6uJh5GfD2pWk0oAi", missing_scopes: ["https://www.googleapis.com/auth/drive.readonly"], provider: "google" },
      },
      {
        name: "ok",
        summary: "A granted connection: the token",
        body: { user_id: ID.userId, provider: "google", scopes: ["https://www.googleapis.com/auth/drive.readonly"] },
        status: 200,
        response: {
          status: "ok",
          access_token: "ya29.a0AfB_example",
          expires_at: "2026-09-01T13:00:00.000+00:00",
          scopes: ["https://www.googleapis.com/auth/drive.readonly"],
          provider: "google",
          account: { id: ID.connectionId, provider_user_id: "110248495921238986420", email: "ada@example.com", display_name: "ada@example.com" },
        },
      },
    ],
  },
];

export const serviceErrorExample = errorExample("Missing required permission: read:users", "FORBIDDEN");
