/**
 * Every table Akhrot stores, with inferred row types. Change a table here, then run
 * `npm run db:generate` and commit the migration it writes to db/migrations.
 *
 * Secrets never sit in plain text: agent keys are stored as SHA-256 digests; provider
 * credentials as AES-256-GCM ciphertexts (lib/crypto) bound to their row id and column.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => ts("created_at").notNull().defaultNow();

// ── Dashboard users and the Auth.js adapter tables (property names are Auth.js's) ──────────

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name"),
  email: text("email").notNull().unique(),
  emailVerified: ts("email_verified"),
  image: text("image"),
  /** argon2id; null for users who only sign in with GitHub/Google. */
  passwordHash: text("password_hash"),
  /**
   * Every dashboard session carries the version it was signed in under; bumping it (sign-out,
   * "sign out everywhere", a password change) ends all of them server-side (S9).
   */
  sessionVersion: integer("session_version").notNull().default(0),
  createdAt: createdAt(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<"oauth" | "oidc" | "email" | "webauthn">().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    // Sign-in tokens are dropped before they reach this table (lib/auth/adapter.ts): the
    // dashboard only needs the identity, and a vault should not keep tokens it never uses.
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: ts("expires").notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: ts("expires").notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ── Agent API keys ─────────────────────────────────────────────────────────────────────────

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** hex SHA-256 of the whole key; the key itself is shown once and never stored. */
    keyHash: text("key_hash").notNull().unique(),
    lastFour: text("last_four").notNull(),
    /** null = every provider; otherwise the provider codes this key may use. */
    providers: text("providers").array(),
    expiresAt: ts("expires_at"),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
    /** The owner let MCP clients using this key read credentials (MCP tool get_credential). Off by default. */
    mcpRevealCredentials: boolean("mcp_reveal_credentials").notNull().default(false),
    /**
     * Set when this row is an MCP client's OAuth grant (issue 14 phase 2), not a minted key: the
     * grant id in mcp_oauth_models. Such a row has no usable key (its hash is of a random value
     * nobody holds); its access tokens map to it, so allow-list, last used, activity and Revoke
     * work exactly as for a key.
     */
    mcpGrantId: text("mcp_grant_id").unique(),
    /** The OAuth client's redirect host, shown next to its (client-chosen, unverified) name. */
    mcpClientHost: text("mcp_client_host"),
    createdAt: createdAt(),
  },
  (t) => [index("api_keys_user_idx").on(t.userId, t.createdAt)],
);

/**
 * The records of Akhrot's own OAuth authorization server for MCP clients (oidc-provider's
 * adapter, lib/mcp-oauth/adapter.ts): sessions, interactions, grants, codes, access and refresh
 * tokens, registered clients, and its signing key. `id_hash` is the SHA-256 of the record's id,
 * so a leaked table holds no usable token; the signing key's payload is encrypted.
 */
export const mcpOauthModels = pgTable(
  "mcp_oauth_models",
  {
    model: text("model").notNull(),
    idHash: text("id_hash").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    grantId: text("grant_id"),
    uid: text("uid"),
    expiresAt: ts("expires_at"),
    consumedAt: ts("consumed_at"),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.idHash] }),
    index("mcp_oauth_models_grant_idx").on(t.grantId),
    index("mcp_oauth_models_uid_idx").on(t.uid),
    index("mcp_oauth_models_expires_idx").on(t.expiresAt),
  ],
);

// ── Provider connections ───────────────────────────────────────────────────────────────────

export const connectionStatuses = ["active", "needs_reauth"] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];
export const authTypes = ["oauth2", "api_key", "mtproto"] as const;
export type AuthType = (typeof authTypes)[number];

export const connections = pgTable(
  "connections",
  {
    id: text("id").primaryKey(),
    /**
     * Exactly one owner: a dashboard user (personal connections, agent keys) OR an org's end
     * user (issue 13, the service API). Every agent-key lookup filters by `user_id = <key's
     * owner>`, so an end user's row (user_id NULL) can never match one; the service API finds
     * rows only by `end_user_id` and an active grant. One table keeps one refresh path
     * (lib/tokens/ensure-fresh-token.ts works on any row by id).
     */
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    endUserId: text("end_user_id").references((): AnyPgColumn => endUsers.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    authType: text("auth_type").$type<AuthType>().notNull(),
    /** The provider's stable account id (OIDC sub, GitHub id, key fingerprint, …). */
    accountId: text("account_id").notNull(),
    accountLabel: text("account_label"),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    status: text("status").$type<ConnectionStatus>().notNull().default("active"),
    /**
     * Why the provider refused the grant, in its own words (sanitised, capped, never a secret):
     * shown on the dashboard next to needs_reauth. Cleared when the connection works again.
     */
    statusReason: text("status_reason"),
    isDefault: boolean("is_default").notNull().default(false),
    // Ciphertexts (lib/crypto): AAD = `${id}:${column}`.
    accessTokenEnc: text("access_token_enc"),
    refreshTokenEnc: text("refresh_token_enc"),
    /** JSON of extra credential fields (API-key providers, Telegram session). */
    fieldsEnc: text("fields_enc"),
    tokenType: text("token_type"),
    expiresAt: ts("expires_at"),
    /** Non-secret provider facts (Jira cloudId, Slack team, Notion workspace). */
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    refreshedAt: ts("refreshed_at"),
    refreshFailures: integer("refresh_failures").notNull().default(0),
    /** Back-off: no refresh attempt before this instant after a transient provider failure. */
    nextRefreshAt: ts("next_refresh_at"),
    /**
     * Refresh lease: the instance that set it (in a single conditional UPDATE) is the only one
     * calling the provider until it saves or the lease lapses. A lease instead of a row lock
     * held across the HTTP call keeps no connection or transaction open while the provider
     * answers (PGlite has one connection; serverless pools are small).
     */
    refreshLeaseUntil: ts("refresh_lease_until"),
    /**
     * Fencing token of the lease: a random value per acquisition. Every write a lease holder
     * makes (save, release, failure) is conditional on it, so a holder whose lease lapsed
     * (a stalled save) can never clear or overwrite the next holder's work.
     */
    refreshLeaseOwner: text("refresh_lease_owner"),
    lastUsedAt: ts("last_used_at"),
    lastUsedKeyId: text("last_used_key_id"),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("connections_account_uq").on(t.userId, t.provider, t.accountId),
    uniqueIndex("connections_end_user_account_uq").on(t.endUserId, t.provider, t.accountId),
    check("connections_one_owner", sql`(${t.userId} is null) <> (${t.endUserId} is null)`),
    index("connections_user_provider_idx").on(t.userId, t.provider),
    index("connections_expiry_idx").on(t.expiresAt),
  ],
);

export const sessionStatuses = ["pending", "completed", "expired", "failed"] as const;
export type ConnectSessionStatus = (typeof sessionStatuses)[number];

export const connectSessions = pgTable(
  "connect_sessions",
  {
    id: text("id").primaryKey(),
    /** The dashboard user who connects; null for a service's hosted grant flow (providerTokenRequestId set). */
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** The hosted grant flow (issue 13) this session carries: the callback saves to that request's end user. */
    providerTokenRequestId: text("provider_token_request_id"),
    /** The agent key that asked for it; null when the dashboard started it. */
    apiKeyId: text("api_key_id"),
    provider: text("provider").notNull(),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    status: text("status").$type<ConnectSessionStatus>().notNull().default("pending"),
    /** SHA-256 of the OAuth `state`; cleared when the callback consumes it (single use). */
    stateHash: text("state_hash").unique(),
    /** PKCE verifier, encrypted with AAD `${id}:code_verifier`. */
    codeVerifierEnc: text("code_verifier_enc"),
    /** Where the human goes after the callback: "hosted" page or the dashboard. */
    returnTo: text("return_to").$type<"hosted" | "dashboard">().notNull().default("hosted"),
    connectionId: text("connection_id"),
    /** The person chose at Continue that the account they connect becomes the agents' default (issue 17). */
    makeDefault: boolean("make_default").notNull().default(false),
    /** Dashboard "Replace key": the API-key connection the pasted key replaces in place (never set by agents). */
    replaceConnectionId: text("replace_connection_id"),
    error: text("error"),
    expiresAt: ts("expires_at").notNull(),
    startedAt: ts("started_at"),
    /** SHA-256 of the browser binding of the first Continue: the link is armed once, only that browser may retry (S11). */
    browserBindingHash: text("browser_binding_hash"),
    completedAt: ts("completed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("connect_sessions_user_idx").on(t.userId, t.createdAt)],
);

// ── Activity ───────────────────────────────────────────────────────────────────────────────

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /**
     * The user whose activity this is. No foreign key, on purpose: the token-fetch hot path writes
     * these rows in bulk, and a foreign-key check locks the user's row for every row written (a
     * lock recorded in the users table itself): about a third of the row's insert cost (README,
     * Performance). The id always comes from an authenticated key or session.
     * Nothing deletes users today; whatever does must say what happens to their activity.
     */
    userId: text("user_id").notNull(),
    apiKeyId: text("api_key_id"),
    /** e.g. key.create, key.revoke, token.fetch, session.create, connection.create */
    action: text("action").notNull(),
    provider: text("provider"),
    connectionId: text("connection_id"),
    outcome: text("outcome").$type<"success" | "failure">().notNull().default("success"),
    /** Non-secret details only (error codes, scopes, key names). */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * How many identical events this row stands for. The token-fetch hot path writes its rows in
     * 20 ms batches (db/write-batcher.ts), and identical events of one batch (same user, key,
     * action, provider, connection, outcome and detail) become one row with their count and the
     * first one's time: an agent fetching a token before every provider call leaves one row per
     * window, not one per call. Every other event is one row (count 1).
     */
    count: integer("count").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_events_user_idx").on(t.userId, t.id),
    index("audit_events_user_provider_idx").on(t.userId, t.provider, t.id),
  ],
);

export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Connection = typeof connections.$inferSelect;
export type NewConnection = typeof connections.$inferInsert;
export type ConnectSession = typeof connectSessions.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;

// ── Organizations, services and their end users (the AuthOS-compatible side) ─────────────
// A person (users) may belong to organizations; an organization owns services; a service has
// its own keys (aks_…, never agent keys), plans, provider configuration and end users. End
// users are org-scoped people who never sign in to this dashboard.

export const orgStatuses = ["active", "suspended"] as const;
export type OrgStatus = (typeof orgStatuses)[number];
export const orgRoles = ["owner", "admin", "member"] as const;
export type OrgRole = (typeof orgRoles)[number];
export const serviceTypes = ["web", "mobile", "desktop", "api"] as const;
export type ServiceType = (typeof serviceTypes)[number];

export const organizations = pgTable("organizations", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  status: text("status").$type<OrgStatus>().notNull().default("active"),
  createdAt: createdAt(),
});

export const orgMembers = pgTable(
  "org_members",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<OrgRole>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index("org_members_user_idx").on(t.userId)],
);

export const orgInvitations = pgTable(
  "org_invitations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** SHA-256 of the link's token; the token itself is shown once to the inviter. */
    tokenHash: text("token_hash").notNull().unique(),
    role: text("role").$type<OrgRole>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ts("expires_at").notNull(),
    /** Single use: set (conditionally, in one UPDATE) by the accepting user. */
    acceptedAt: ts("accepted_at"),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [index("org_invitations_org_idx").on(t.orgId, t.createdAt)],
);

export const services = pgTable(
  "services",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    serviceType: text("service_type").$type<ServiceType>().notNull().default("web"),
    /** Exact-match redirect targets for the hosted grant flow (https, or http on localhost). */
    redirectUris: text("redirect_uris").array().notNull().default(sql`'{}'::text[]`),
    /** Hosted grant flow: a verified provider email must equal the end user's (AuthOS always checks; a service may opt out). */
    verifyProviderEmail: boolean("verify_provider_email").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("services_org_slug_uq").on(t.orgId, t.slug)],
);

/** Per-provider configuration of a service: whether end users may grant it, and the scope allow-list. */
export const serviceProviders = pgTable(
  "service_providers",
  {
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.provider] })],
);

export const plans = pgTable(
  "plans",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    priceCents: integer("price_cents").notNull().default(0),
    currency: text("currency").notNull().default("usd"),
    features: text("features").array().notNull().default(sql`'{}'::text[]`),
    stripePriceId: text("stripe_price_id"),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("plans_service_name_uq").on(t.serviceId, t.name)],
);

export const serviceApiKeys = pgTable(
  "service_api_keys",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The key's first characters, for recognising it in lists (not enough to use it). */
    prefix: text("prefix").notNull(),
    /** hex SHA-256 of the whole key; the key is shown once and never stored. */
    keyHash: text("key_hash").notNull().unique(),
    permissions: text("permissions").array().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ts("expires_at"),
    lastUsedAt: ts("last_used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("service_api_keys_service_idx").on(t.serviceId, t.createdAt)],
);

/** An organization's end user: one row per person per org, whichever of its services they use. */
export const endUsers = pgTable(
  "end_users",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("end_users_org_email_uq").on(t.orgId, sql`lower(${t.email})`)],
);

/** The link that makes an end user a user of a service (AuthOS: an identity issued by the service). */
export const serviceEndUsers = pgTable(
  "service_end_users",
  {
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    endUserId: text("end_user_id")
      .notNull()
      .references(() => endUsers.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.endUserId] }), index("service_end_users_service_idx").on(t.serviceId, t.createdAt)],
);

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: text("id").primaryKey(),
    endUserId: text("end_user_id")
      .notNull()
      .references(() => endUsers.id, { onDelete: "cascade" }),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id), // no action: checked at statement end, so a service delete cascades through both
    /** Free-form as in AuthOS; only "active" has a meaning (analytics). */
    status: text("status").notNull().default("active"),
    currentPeriodEnd: ts("current_period_end").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("subscriptions_user_service_uq").on(t.endUserId, t.serviceId), index("subscriptions_service_idx").on(t.serviceId, t.currentPeriodEnd)],
);

/**
 * A service's view of an end user's provider connection (issue 13 fills it): which
 * connection, which scopes. A service sees an end user's connection only through an active grant.
 */
export const serviceGrants = pgTable(
  "service_grants",
  {
    id: text("id").primaryKey(),
    endUserId: text("end_user_id")
      .notNull()
      .references(() => endUsers.id, { onDelete: "cascade" }),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    connectionId: text("connection_id").notNull(),
    provider: text("provider").notNull(),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    status: text("status").$type<"active" | "revoked">().notNull().default("active"),
    grantedAt: ts("granted_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [uniqueIndex("service_grants_uq").on(t.endUserId, t.serviceId, t.connectionId), index("service_grants_service_idx").on(t.serviceId, t.provider)],
);

/**
 * A pending hosted grant (`/connect/provider-token/{state}`, issue 13). A completed row is a
 * "login" in the service's analytics: an end user finished a provider authorization for it.
 */
export const providerTokenRequests = pgTable(
  "provider_token_requests",
  {
    id: text("id").primaryKey(),
    /** SHA-256 of the state in the link (a bearer capability). */
    stateHash: text("state_hash").notNull().unique(),
    endUserId: text("end_user_id")
      .notNull()
      .references(() => endUsers.id, { onDelete: "cascade" }),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    connectionId: text("connection_id"),
    requestedScopes: text("requested_scopes").array().notNull().default(sql`'{}'::text[]`),
    redirectUri: text("redirect_uri").notNull(),
    clientState: text("client_state"),
    status: text("status").$type<"pending" | "completed" | "canceled">().notNull().default("pending"),
    /** SHA-256 of the browser binding of the first Continue: armed once, only that browser may retry. */
    browserBindingHash: text("browser_binding_hash"),
    expiresAt: ts("expires_at").notNull(),
    completedAt: ts("completed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("provider_token_requests_service_idx").on(t.serviceId, t.status, t.completedAt), index("provider_token_requests_user_idx").on(t.endUserId, t.serviceId)],
);

/** The organization's audit log: actions by members (dashboard, CLI) and by service keys. */
export const orgAuditEvents = pgTable(
  "org_audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    serviceId: text("service_id"),
    /** The member who acted (null for service keys and the operator CLI). */
    actorUserId: text("actor_user_id"),
    /** The service key that acted. */
    serviceKeyId: text("service_key_id"),
    /** AuthOS names where they exist: api_key.created, api_key.deleted, service.created, … */
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    /** Non-secret details only. */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("org_audit_events_org_idx").on(t.orgId, t.id), index("org_audit_events_service_idx").on(t.serviceId, t.action, t.createdAt)],
);

export type Organization = typeof organizations.$inferSelect;
export type OrgMember = typeof orgMembers.$inferSelect;
export type OrgInvitation = typeof orgInvitations.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type ServiceProvider = typeof serviceProviders.$inferSelect;
export type Plan = typeof plans.$inferSelect;
export type ServiceApiKey = typeof serviceApiKeys.$inferSelect;
export type EndUser = typeof endUsers.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
export type ServiceGrant = typeof serviceGrants.$inferSelect;
export type ProviderTokenRequest = typeof providerTokenRequests.$inferSelect;
export type OrgAuditEvent = typeof orgAuditEvents.$inferSelect;

// ── Signed webhooks (issue 15): endpoints, a durable outbox, one delivery row per endpoint ────
// A message is written in the transaction of the change it reports; its deliveries are claimed
// with a lease (FOR UPDATE SKIP LOCKED), so any number of instances deliver each one at least once
// and never two at a time. The message id is the `webhook-id` header: receivers de-duplicate on it.

export const webhookEventTypes = [
  "connection.created",
  "connection.needs_reauth",
  "connection.recovered",
  "connection.revoked",
  "provider_grant.created",
  "provider_grant.revoked",
  "provider_token_request.completed",
  "api_key.created",
  "api_key.revoked",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number] | "webhook.test";

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    /** Exactly one owner: a person (their own connections and keys) or an organization (its end users and service keys). */
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    orgId: text("org_id").references(() => organizations.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: text("events").array().notNull(),
    /** The `whsec_…` signing secret, encrypted (lib/crypto, AAD `${id}:secret`); shown once at creation. */
    secretEnc: text("secret_enc").notNull(),
    /** Set by the owner, or automatically after days of consecutive failures (disabledReason says which). */
    disabledAt: ts("disabled_at"),
    disabledReason: text("disabled_reason"),
    /** First failed attempt of the current failure streak; cleared by any success. */
    failingSince: ts("failing_since"),
    createdAt: createdAt(),
  },
  (t) => [
    check("webhook_endpoints_one_owner", sql`(${t.userId} is null) <> (${t.orgId} is null)`),
    index("webhook_endpoints_user_idx").on(t.userId),
    index("webhook_endpoints_org_idx").on(t.orgId),
  ],
);

export const webhookMessages = pgTable("webhook_messages", {
  /** `msg_…`, sent as `webhook-id`: the same on every retry of this message. */
  id: text("id").primaryKey(),
  eventType: text("event_type").$type<WebhookEventType>().notNull(),
  /** The signed body: `{type, timestamp, data}`; ids, provider, labels and times only, never a secret. */
  payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
});

export const webhookDeliveryStatuses = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: text("message_id")
      .notNull()
      .references(() => webhookMessages.id, { onDelete: "cascade" }),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** pending → delivered (a 2xx), or failed once the retry schedule is spent. */
    status: text("status").$type<WebhookDeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    /** Claim lease: the instance whose random owner token is here is the only one sending it until the lease lapses. */
    leaseUntil: ts("lease_until"),
    leaseOwner: text("lease_owner"),
    /** The receiver's HTTP status of the last attempt (null: no answer; see lastError). */
    lastStatusCode: integer("last_status_code"),
    /** Why the last attempt got no answer, in our words ("timed out", "refused: private address"); never the receiver's body. */
    lastError: text("last_error"),
    lastAttemptAt: ts("last_attempt_at"),
    deliveredAt: ts("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_message_endpoint_uq").on(t.messageId, t.endpointId),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookMessage = typeof webhookMessages.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
