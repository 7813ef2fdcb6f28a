/**
 * Request bodies of the service API and organization management routes (AuthOS's field
 * names). Unknown fields are ignored, as serde does; wrong types are 400s naming the field.
 */
import { z } from "zod";
import { serviceTypes } from "@/db/schema";

export const createUserBody = z.object({ email: z.string() });
export const updateUserBody = z.object({ email: z.string().optional() });
export const createSubscriptionBody = z.object({ user_id: z.string(), plan_id: z.string(), status: z.string().optional(), current_period_end: z.string().optional() });
export const updateSubscriptionBody = z.object({ status: z.string().optional(), current_period_end: z.string().optional() });
export const updateInfoBody = z.object({ name: z.string().optional() });
export const providerTokensBody = z.object({
  user_id: z.string().min(1).max(200),
  provider: z.string().min(1).max(100),
  scopes: z.array(z.string().max(500)).max(100).optional(),
  redirect_uri: z.string().max(2000).optional(),
  state: z.string().max(1000).optional(),
});

const providerConfig = z.object({ provider: z.string(), enabled: z.boolean().optional(), scopes: z.array(z.string()).optional() });

export const createServiceBody = z.object({
  slug: z.string(),
  name: z.string(),
  service_type: z.enum(serviceTypes),
  redirect_uris: z.array(z.string()).optional(),
  providers: z.array(providerConfig).optional(),
  // AuthOS's per-provider columns, accepted for compatibility (github/google/microsoft are catalog codes here too).
  github_scopes: z.array(z.string()).optional(),
  google_scopes: z.array(z.string()).optional(),
  microsoft_scopes: z.array(z.string()).optional(),
});

export const updateServiceBody = z.object({
  name: z.string().optional(),
  service_type: z.enum(serviceTypes).optional(),
  redirect_uris: z.array(z.string()).optional(),
  providers: z.array(providerConfig).optional(),
  /** Hosted grant flow: compare the provider's verified email with the end user's (default true). */
  verify_provider_email: z.boolean().optional(),
});

export const createPlanBody = z.object({
  name: z.string(),
  description: z.string().nullable().optional(),
  price_cents: z.number().int(),
  currency: z.string(),
  features: z.array(z.string()).optional(),
  stripe_price_id: z.string().nullable().optional(),
  is_default: z.boolean().optional(),
});
export const updatePlanBody = createPlanBody.partial();

export const createApiKeyBody = z.object({ name: z.string(), permissions: z.array(z.string()), expires_in_days: z.number().int().nullable().optional() });
