/**
 * Response schemas of the service API and organization management families (AuthOS's shapes,
 * AUTHOS-SERVICE-API.md): the serializers in ./serialize.ts are typed by them, /openapi.json
 * publishes them, and the integration tests validate every answer they see against them.
 * Strict objects, so a field added to an answer without being added here fails the tests.
 */
import { z } from "zod";
import { serviceTypes } from "@/db/schema";
import { orgErrorStatus, type OrgErrorCode } from "@/lib/orgs/org-error";

/** Serialized dates: `toISOString()` (`Z`) for rows, chrono's `to_rfc3339()` (`+00:00`) where AuthOS writes that. */
const datetime = z.iso.datetime({ offset: true });
const total = z.number().int().min(0);

const errorCodes = Object.keys(orgErrorStatus) as [OrgErrorCode, ...OrgErrorCode[]];
export const serviceErrorResponse = z
  .object({
    error: z.string().min(1),
    error_code: z.enum(errorCodes),
    timestamp: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/, "RFC 3339 with +00:00"),
  })
  .strict();

export const serviceUserResponse = z.object({ id: z.string(), email: z.string(), created_at: datetime }).strict();
export const serviceUserListResponse = z.object({ users: z.array(serviceUserResponse), total }).strict();

export const subscriptionResponse = z
  .object({ id: z.string(), user_id: z.string(), plan_id: z.string(), plan_name: z.string(), status: z.string(), current_period_end: datetime })
  .strict();
export const subscriptionListResponse = z.object({ subscriptions: z.array(subscriptionResponse), total }).strict();

export const analyticsResponse = z
  .object({
    total_users: total,
    total_subscriptions: total,
    active_subscriptions: total,
    total_logins_30d: total,
    unique_users_30d: total,
    provider_tokens_issued_30d: total,
    connections_by_provider: z.record(z.string(), total),
  })
  .strict();

export const serviceInfoResponse = z.object({ id: z.string(), name: z.string(), slug: z.string(), service_type: z.enum(serviceTypes), created_at: datetime }).strict();

const providerAccount = z.object({ id: z.string(), provider_user_id: z.string(), email: z.string().nullable(), display_name: z.string().nullable() }).strict();

export const providerTokenOk = z
  .object({
    status: z.literal("ok"),
    access_token: z.string().min(1),
    expires_at: datetime.nullable(),
    scopes: z.array(z.string()),
    provider: z.string(),
    account: providerAccount,
    /** Absent for OAuth tokens; API-key and Telegram connections say what they hand out. */
    type: z.enum(["api_key", "mtproto"]).optional(),
    fields: z.record(z.string(), z.string()).optional(),
    api_id: z.number().int().optional(),
    api_hash: z.string().optional(),
  })
  .strict();

export const providerTokenActionCodes = ["PROVIDER_LINK_REQUIRED", "PROVIDER_GRANT_REQUIRED", "PROVIDER_SCOPE_CONSENT_REQUIRED", "PROVIDER_REAUTH_REQUIRED"] as const;
export const providerTokenActionRequired = z
  .object({
    status: z.literal("action_required"),
    code: z.enum(providerTokenActionCodes),
    reauth_url: z.url(),
    missing_scopes: z.array(z.string()),
    provider: z.string(),
  })
  .strict();

export const providerTokenResponse = z.discriminatedUnion("status", [providerTokenOk, providerTokenActionRequired]);
export type ProviderTokenAnswer = z.infer<typeof providerTokenResponse>;

const serviceProvider = z.object({ provider: z.string(), enabled: z.boolean(), scopes: z.array(z.string()) }).strict();
export const orgServiceResponse = z
  .object({
    id: z.string(),
    org_id: z.string(),
    slug: z.string(),
    name: z.string(),
    service_type: z.enum(serviceTypes),
    redirect_uris: z.array(z.string()),
    verify_provider_email: z.boolean(),
    providers: z.array(serviceProvider),
    created_at: datetime,
  })
  .strict();
/** GET /api/organizations/{org_slug}: the organization as its member sees it (Akhrot's; AuthOS's shape for this path was not read). */
export const organizationResponse = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    status: z.enum(["active", "suspended"]),
    created_at: z.string(),
    role: z.enum(["owner", "admin", "member"]),
    member_count: total,
    service_count: total,
  })
  .strict();
export type OrganizationResponse = z.infer<typeof organizationResponse>;

export const orgServiceListResponse = z.object({ services: z.array(orgServiceResponse), total }).strict();

export const planResponse = z
  .object({
    id: z.string(),
    service_id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    price_cents: z.number().int(),
    currency: z.string(),
    features: z.array(z.string()),
    stripe_price_id: z.string().nullable(),
    is_default: z.boolean(),
    created_at: datetime,
  })
  .strict();
export const planListResponse = z.object({ plans: z.array(planResponse), total }).strict();

const apiKeyBase = {
  id: z.string(),
  service_id: z.string(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  expires_at: datetime.nullable(),
  created_at: datetime,
  created_by: z.string().nullable(),
};
/** ApiKeyResponse: never the key itself. */
export const apiKeyResponse = z.object({ ...apiKeyBase, last_used_at: datetime.nullable() }).strict();
export const apiKeyListResponse = z.object({ api_keys: z.array(apiKeyResponse), total }).strict();
/** ApiKeyCreateResponse: the only answer that carries `key`. */
export const apiKeyCreatedResponse = z.object({ ...apiKeyBase, key: z.string() }).strict();

export type ServiceUserResponse = z.infer<typeof serviceUserResponse>;
export type SubscriptionResponse = z.infer<typeof subscriptionResponse>;
export type AnalyticsResponse = z.infer<typeof analyticsResponse>;
export type ServiceInfoResponse = z.infer<typeof serviceInfoResponse>;
export type OrgServiceResponse = z.infer<typeof orgServiceResponse>;
export type PlanResponse = z.infer<typeof planResponse>;
export type ApiKeyResponse = z.infer<typeof apiKeyResponse>;
export type ApiKeyCreatedResponse = z.infer<typeof apiKeyCreatedResponse>;
