/**
 * Every table Akhrot stores, with inferred row types. Change a table here, then run
 * `npm run db:generate` and commit the migration it writes to db/migrations.
 *
 * Secrets never sit in plain text: agent keys are stored as SHA-256 digests; provider
 * credentials as AES-256-GCM ciphertexts (lib/crypto) bound to their row id and column.
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
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
    createdAt: createdAt(),
  },
  (t) => [index("api_keys_user_idx").on(t.userId, t.createdAt)],
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
    /** Owned by a dashboard user today. */
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Room for the service API: a backend's own end user, scoped under userId's service. */
    endUserId: text("end_user_id"),
    provider: text("provider").notNull(),
    authType: text("auth_type").$type<AuthType>().notNull(),
    /** The provider's stable account id (OIDC sub, GitHub id, key fingerprint, …). */
    accountId: text("account_id").notNull(),
    accountLabel: text("account_label"),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    status: text("status").$type<ConnectionStatus>().notNull().default("active"),
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
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
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
    /** Dashboard "Replace key": the API-key connection the pasted key replaces in place (never set by agents). */
    replaceConnectionId: text("replace_connection_id"),
    error: text("error"),
    expiresAt: ts("expires_at").notNull(),
    startedAt: ts("started_at"),
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
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    apiKeyId: text("api_key_id"),
    /** e.g. key.create, key.revoke, token.fetch, session.create, connection.create */
    action: text("action").notNull(),
    provider: text("provider"),
    connectionId: text("connection_id"),
    outcome: text("outcome").$type<"success" | "failure">().notNull().default("success"),
    /** Non-secret details only (error codes, scopes, key names). */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
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
