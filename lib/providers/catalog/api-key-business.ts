/** API-key providers for payments and publishing: Stripe, Typefully. */
import type { ApiKeyProvider, ApiKeyUsage } from "../provider-schema";
import { apiFromUsage } from "./api-from-usage";

const stripeUsage: ApiKeyUsage = {
  header: "Authorization",
  format: "Bearer {apiKey}",
  baseUrl: "https://api.stripe.com/v1",
  note: "Request bodies are form-encoded (nested keys like items[0][price]).",
};
const form = "form" as const;

const stripe = {
  code: "stripe",
  name: "Stripe",
  category: "Payments",
  authType: "api_key",
  description: "Stripe payments, refunds, customers, subscriptions and invoices.",
  docsUrl: "https://docs.stripe.com/api/authentication",
  iconSlug: "stripe",
  credentialFields: [
    {
      name: "apiKey",
      label: "Secret or restricted key",
      secret: true,
      required: true,
      pattern: "^(sk|rk)_(live|test)_[A-Za-z0-9]{10,}$",
      patternHint: "Stripe keys start with sk_live_, sk_test_, rk_live_ or rk_test_",
    },
  ],
  accessTokenField: "apiKey",
  usage: stripeUsage,
  api: apiFromUsage(stripeUsage),
  verify: { method: "GET", path: "/balance" },
  services: [
    {
      code: "payments",
      source: "https://docs.stripe.com/api/payment_intents",
      name: "Payments",
      description: "Payment intents, checkout sessions, charges, refunds and balance.",
      baseUrl: stripeUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "GET", path: "/balance", description: "Account balance" },
        { method: "GET", path: "/payment_intents?limit=10", description: "Recent payment intents" },
        { method: "GET", path: "/payment_intents/{paymentIntentId}", description: "Get a payment intent" },
        { method: "POST", path: "/payment_intents", description: "Create a payment intent", body: "amount=2000&currency=usd&automatic_payment_methods[enabled]=true", bodyFormat: form },
        { method: "POST", path: "/checkout/sessions", description: "Hosted checkout link", body: "mode=payment&line_items[0][price]=price_123&line_items[0][quantity]=1&success_url=https%3A%2F%2Fexample.com%2Fok", bodyFormat: form },
        { method: "POST", path: "/refunds", description: "Refund a payment", body: "payment_intent=pi_123", bodyFormat: form },
        { method: "GET", path: "/charges?limit=10", description: "Recent charges" },
      ],
    },
    {
      code: "billing",
      source: "https://docs.stripe.com/api/subscriptions",
      name: "Billing",
      description: "Customers, prices, subscriptions and invoices.",
      baseUrl: stripeUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/customers", description: "Create a customer", body: "email=bob%40example.com&name=Bob", bodyFormat: form },
        { method: "GET", path: "/customers?email={email}", description: "Find customers by email" },
        { method: "GET", path: "/prices?active=true&limit=10", description: "Active prices" },
        { method: "POST", path: "/subscriptions", description: "Subscribe a customer", body: "customer=cus_123&items[0][price]=price_123", bodyFormat: form },
        { method: "GET", path: "/subscriptions?status=active&limit=10", description: "Active subscriptions" },
        { method: "DELETE", path: "/subscriptions/{subscriptionId}", description: "Cancel a subscription now" },
        { method: "GET", path: "/invoices?customer={customerId}&limit=10", description: "Invoices of a customer" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

// Confirmed: API v2 exists and GET /v2/me verifies a key (migration guide,
// https://support.typefully.com/en/articles/13133296-typefully-api-v1-v2-migration-guide).
// Unconfirmed: the v2 auth header (v1 used `X-API-KEY: Bearer <key>`) and the exact draft paths.
const typefullyUsage: ApiKeyUsage = { header: "Authorization", format: "Bearer {apiKey}", baseUrl: "https://api.typefully.com" };

const typefully = {
  code: "typefully",
  name: "Typefully",
  category: "Social",
  authType: "api_key",
  description: "Draft, schedule and publish posts to X, LinkedIn, Threads, Bluesky and Mastodon.",
  docsUrl: "https://support.typefully.com/en/articles/8718287-typefully-api",
  // Not in simple-icons.
  iconSlug: null,
  credentialFields: [{ name: "apiKey", label: "API key", secret: true, required: true }],
  accessTokenField: "apiKey",
  usage: typefullyUsage,
  api: apiFromUsage(typefullyUsage),
  verify: { method: "GET", path: "/v2/me" },
  services: [
    {
      code: "content",
      source: "https://typefully.com/docs/api",
      name: "Content",
      description: "The account and its social sets (one per connected profile group); drafts live under a social set.",
      baseUrl: typefullyUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "GET", path: "/v2/me", description: "The key's user" },
        { method: "GET", path: "/v2/social-sets", description: "Social sets and their platforms" },
        { method: "GET", path: "/v2/social-sets/{socialSetId}", description: "One social set" },
      ],
    },
    {
      code: "drafts",
      source: "https://typefully.com/docs/api",
      name: "Drafts",
      description: "Create, schedule, edit and delete drafts.",
      baseUrl: typefullyUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "GET", path: "/v2/social-sets/{socialSetId}/drafts?status=scheduled", description: "List drafts (filter by status)" },
        { method: "POST", path: "/v2/social-sets/{socialSetId}/drafts", description: "Create a draft (publish_at: now, next-free-slot or ISO date)", body: '{"platforms":{"x":{"enabled":true,"posts":[{"text":"Hello"}]}},"publish_at":"next-free-slot"}' },
        { method: "GET", path: "/v2/social-sets/{socialSetId}/drafts/{draftId}", description: "Get a draft" },
        { method: "PATCH", path: "/v2/social-sets/{socialSetId}/drafts/{draftId}", description: "Edit or reschedule a draft", body: '{"publish_at":"now"}' },
        { method: "DELETE", path: "/v2/social-sets/{socialSetId}/drafts/{draftId}", description: "Delete a draft" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

export const apiKeyBusiness = { stripe, typefully };
