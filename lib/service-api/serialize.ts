/** Domain rows → the snake_case shapes of AUTHOS-SERVICE-API.md, typed by their response schemas (./responses.ts). */
import type { EndUser, OrgRole, Organization, Plan, ServiceApiKey, ServiceProvider, ServiceRow } from "@/db/schema";
import type { ServiceAnalytics } from "@/lib/analytics/service-analytics";
import type { SubscriptionWithPlan } from "@/lib/subscriptions/service-subscriptions";
import type { AnalyticsResponse, ApiKeyCreatedResponse, ApiKeyResponse, OrganizationResponse, OrgServiceResponse, PlanResponse, ServiceInfoResponse, ServiceUserResponse, SubscriptionResponse } from "./responses";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** GET /api/organizations/:org_slug (Akhrot's; AuthOS's shape for this path was not read): the org as its member sees it. */
export const toOrganization = (o: Organization, role: OrgRole, counts: { members: number; services: number }): OrganizationResponse => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  status: o.status,
  created_at: iso(o.createdAt),
  role,
  member_count: counts.members,
  service_count: counts.services,
});

export const toServiceUser = (u: EndUser): ServiceUserResponse => ({ id: u.id, email: u.email, created_at: iso(u.createdAt) });

export const toSubscription = ({ sub, planName }: SubscriptionWithPlan): SubscriptionResponse => ({
  id: sub.id,
  user_id: sub.endUserId,
  plan_id: sub.planId,
  plan_name: planName,
  status: sub.status,
  current_period_end: iso(sub.currentPeriodEnd),
});

export const toServiceInfo = (s: ServiceRow): ServiceInfoResponse => ({ id: s.id, name: s.name, slug: s.slug, service_type: s.serviceType, created_at: iso(s.createdAt) });

export const toAnalytics = (a: ServiceAnalytics): AnalyticsResponse => ({
  total_users: a.totalUsers,
  total_subscriptions: a.totalSubscriptions,
  active_subscriptions: a.activeSubscriptions,
  total_logins_30d: a.totalLogins30d,
  unique_users_30d: a.uniqueUsers30d,
  provider_tokens_issued_30d: a.providerTokensIssued30d,
  connections_by_provider: a.connectionsByProvider,
});

export const toApiKey = (k: ServiceApiKey): ApiKeyResponse => ({
  id: k.id,
  service_id: k.serviceId,
  name: k.name,
  prefix: k.prefix,
  permissions: k.permissions,
  last_used_at: isoOrNull(k.lastUsedAt),
  expires_at: isoOrNull(k.expiresAt),
  created_at: iso(k.createdAt),
  created_by: k.createdBy,
});

/** ApiKeyCreateResponse: the only response that carries `key`. */
export const toApiKeyCreated = (k: ServiceApiKey, key: string): ApiKeyCreatedResponse => ({
  id: k.id,
  service_id: k.serviceId,
  name: k.name,
  prefix: k.prefix,
  permissions: k.permissions,
  expires_at: isoOrNull(k.expiresAt),
  created_at: iso(k.createdAt),
  created_by: k.createdBy,
  key,
});

export const toPlan = (p: Plan): PlanResponse => ({
  id: p.id,
  service_id: p.serviceId,
  name: p.name,
  description: p.description,
  price_cents: p.priceCents,
  currency: p.currency,
  features: p.features,
  stripe_price_id: p.stripePriceId,
  is_default: p.isDefault,
  created_at: iso(p.createdAt),
});

/** AuthOS's ServiceResponse keeps per-provider scopes in columns; we answer the same facts as a `providers` list. */
export const toService = (s: ServiceRow, providers: ServiceProvider[] = []): OrgServiceResponse => ({
  id: s.id,
  org_id: s.orgId,
  slug: s.slug,
  name: s.name,
  service_type: s.serviceType,
  redirect_uris: s.redirectUris,
  verify_provider_email: s.verifyProviderEmail,
  providers: providers.map((p) => ({ provider: p.provider, enabled: p.enabled, scopes: p.scopes })),
  created_at: iso(s.createdAt),
});
