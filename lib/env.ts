/**
 * The only reader of process.env. Every variable the app understands is declared here,
 * validated with zod, and read through `env()`.
 *
 * Development (nothing set): AUTH_SECRET and AKHROT_ENCRYPTION_KEY are generated once into
 * `.data/dev-secrets.json` (git-ignored) and reused. Production (NODE_ENV=production or
 * VERCEL set): a missing or malformed secret throws `EnvError`, naming the variable and how
 * to generate it, so start-up (and `next build`, which imports this file) stops.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export class EnvError extends Error {
  override name = "EnvError";
}

const GENERATE_HINT = "generate one with: openssl rand -base64 32";

const base64Key32 = z.string().refine((v) => {
  const buf = Buffer.from(v, "base64");
  return buf.length === 32 && buf.toString("base64") === v.replace(/\s/g, "");
}, "must be base64 of exactly 32 random bytes");

const optionalUrl = z.url().optional();
const boolish = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  VERCEL: z.string().optional(),
  /** Set by Vercel: which deployment this is; migrations run on "production" builds only (scripts/migrate.ts). */
  VERCEL_ENV: z.enum(["production", "preview", "development"]).optional(),
  /** true → preview builds migrate too: only when Preview has its OWN DATABASE_URL (e.g. a Neon branch per preview). */
  AKHROT_PREVIEW_MIGRATIONS: boolish,
  APP_URL: optionalUrl,
  DATABASE_URL: optionalUrl,
  PGLITE_DIR: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, `must be at least 32 characters; ${GENERATE_HINT}`),
  /** Current data-encryption key; AKHROT_ENCRYPTION_KEYS_OLD keeps retired keys readable during rotation. */
  AKHROT_ENCRYPTION_KEY: base64Key32,
  AKHROT_ENCRYPTION_KEYS_OLD: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : []))
    .pipe(z.array(base64Key32)),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
  /** The names Vercel's Upstash (KV) integration sets; used when UPSTASH_REDIS_REST_* are unset. */
  KV_REST_API_URL: optionalUrl,
  KV_REST_API_TOKEN: z.string().optional(),
  REDIS_URL: optionalUrl,
  /** What the limiter does when its Redis is unreachable: "open" lets requests through (logged). */
  RATE_LIMIT_FAIL_MODE: z.enum(["open", "closed"]).default("open"),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Requests per client IP per minute to the OAuth callback and connect links (page, Continue, forms). */
  RATE_LIMIT_PUBLIC_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** Failed agent-key authentications per client IP per minute; past it, that address's unknown keys get 429 before any lookup. */
  RATE_LIMIT_KEY_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  TOKEN_REFRESH_MARGIN_SECONDS: z.coerce.number().int().nonnegative().default(300),
  CRON_SECRET: z.string().min(16).optional(),
  AKHROT_VERIFY_API_KEYS: boolish,
  /** pino level; default info in production, debug in development, silent under tests. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** Bearer token for GET /metrics (Prometheus); unset → /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters; generate one with: openssl rand -hex 32").optional(),
  TELEGRAM_API_ID: z.string().regex(/^\d+$/, "must be the numeric api_id from my.telegram.org").optional(),
  TELEGRAM_API_HASH: z.string().regex(/^[0-9a-f]{32}$/, "must be the 32-hex api_hash").optional(),
  /** How many proxies in front of the app append to X-Forwarded-For (lib/api/client-ip.ts). Default: 1 on Vercel, else 0. */
  AKHROT_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(20).optional(),
  /** Who may create an account (lib/users/sign-up-policy.ts): open (anyone), invite (the form only for an invited address), closed (operator CLI and invitations only). Default: open in development, invite in production. */
  AKHROT_SIGNUP: z.enum(["open", "invite", "closed"]).optional(),
  /** Password sign-in attempts per client IP per 15 minutes (default 50). */
  AKHROT_SIGNIN_PER_IP: z.coerce.number().int().positive().optional(),
  /** Account creations per client IP per hour (default 20). */
  AKHROT_SIGNUP_PER_IP: z.coerce.number().int().positive().optional(),
  /** Outgoing e-mail (verification, password reset, invitations): smtp://user:pass@host:587 or smtps://…:465. Unset → dev logs messages; production sends none. */
  SMTP_URL: z
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), "must start with smtp:// or smtps://")
    .optional(),
  /** The From address of that e-mail, e.g. "Akhrot <no-reply@example.com>"; required with SMTP_URL. */
  EMAIL_FROM: z.string().min(3).max(320).optional(),
  /** Extra hosts a user-supplied API base URL may point at (self-hosted Supabase): `db.example.com,*.corp.example`. */
  AKHROT_VERIFY_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean) : []))
    .pipe(z.array(z.string().regex(/^(\*\.)?[a-z0-9.-]+$/, "must be host names or *.domain patterns, comma-separated"))),
  /** Outbound calls (key checks, webhooks) may reach private/loopback addresses and plain http: tests and private networks only. */
  AKHROT_OUTBOUND_ALLOW_PRIVATE: boolish,
  /** Webhook URLs may point at private/loopback addresses and use plain http: tests and private networks only. */
  WEBHOOK_ALLOW_PRIVATE_URLS: boolish,
  /** How long a webhook receiver has to answer one delivery. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(15),
  /** An endpoint whose deliveries have failed without a success for this many days is disabled. */
  WEBHOOK_DISABLE_AFTER_DAYS: z.coerce.number().positive().max(365).default(5),
  /** Telegram login codes an Akhrot user, and a phone number, may request per hour. */
  TELEGRAM_CODES_PER_HOUR: z.coerce.number().int().positive().default(5),
});

type ParsedEnv = z.infer<typeof schema>;
export type Env = Omit<ParsedEnv, "AKHROT_TRUSTED_PROXIES" | "AKHROT_SIGNUP"> & {
  AKHROT_TRUSTED_PROXIES: number;
  AKHROT_SIGNUP: "open" | "invite" | "closed";
};

let cached: Env | undefined;
let cachedOAuth: Record<string, string> | undefined;
let cachedExtraScopes: Record<string, string[]> | undefined;

const EXTRA_SCOPES_PREFIX = "AKHROT_EXTRA_SCOPES_";
const extraScopeList = z
  .string()
  .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[^\s,]{1,256}$/, "each scope must be one token without spaces")).min(1, "must list at least one scope"));

/**
 * AKHROT_EXTRA_SCOPES_<CODE>=a,b: scopes agents may request for provider <code> beyond the
 * catalog's list (S6), e.g. AKHROT_EXTRA_SCOPES_GOOGLE or AKHROT_EXTRA_SCOPES_X_TWITTER
 * (underscores stand for dashes). Keyed by provider code.
 */
export function parseExtraScopes(source: Record<string, string | undefined>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(source)) {
    if (!name.startsWith(EXTRA_SCOPES_PREFIX) || !value) continue;
    const suffix = name.slice(EXTRA_SCOPES_PREFIX.length);
    if (!/^[A-Z0-9]+(_[A-Z0-9]+)*$/.test(suffix)) {
      problems.push(`  ${name}: the part after ${EXTRA_SCOPES_PREFIX} must be a provider code in upper case (dashes as _)`);
      continue;
    }
    const parsed = extraScopeList.safeParse(value);
    if (!parsed.success) problems.push(`  ${name}: ${parsed.error.issues[0]?.message ?? "is invalid"}`);
    else out[suffix.toLowerCase().replaceAll("_", "-")] = parsed.data;
  }
  if (problems.length) throw new EnvError(`Invalid Akhrot configuration:\n${problems.join("\n")}\nSee .env.example.`);
  return out;
}

/** The operator's extra scopes per provider code (validated at start-up with the rest of the env). */
export function extraScopesEnv(): Record<string, string[]> {
  cachedExtraScopes ??= parseExtraScopes(process.env);
  return cachedExtraScopes;
}

/** True when running as a deployed instance: secrets must come from the environment. */
export function isProductionLike(source: NodeJS.ProcessEnv = process.env): boolean {
  return source.NODE_ENV === "production" || Boolean(source.VERCEL);
}

export function dataDir(): string {
  return path.resolve(process.cwd(), ".data");
}

function loadDevSecrets(): { AUTH_SECRET: string; AKHROT_ENCRYPTION_KEY: string } {
  const file = path.join(dataDir(), "dev-secrets.json");
  if (existsSync(file)) {
    const parsed = z
      .object({ AUTH_SECRET: z.string(), AKHROT_ENCRYPTION_KEY: z.string() })
      .safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (parsed.success) return parsed.data;
  }
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("base64"),
    AKHROT_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  mkdirSync(dataDir(), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  // The logger is configured from this file, so this one notice goes straight to stderr.
  process.stderr.write(`akhrot: generated development secrets in ${path.relative(process.cwd(), file)} (never use them in production)\n`);
  return secrets;
}

/** Parse a raw environment. Pure apart from dev-secret generation; exported for tests. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const input: Record<string, string | undefined> = { ...source };
  for (const k of Object.keys(input)) if (input[k] === "") input[k] = undefined;
  // Vercel's Upstash/KV integration writes KV_REST_API_*; the explicit UPSTASH_* names win.
  if (!input.UPSTASH_REDIS_REST_URL && !input.UPSTASH_REDIS_REST_TOKEN) {
    input.UPSTASH_REDIS_REST_URL = input.KV_REST_API_URL;
    input.UPSTASH_REDIS_REST_TOKEN = input.KV_REST_API_TOKEN;
  }
  const production = isProductionLike(source);
  if (!production && (!input.AUTH_SECRET || !input.AKHROT_ENCRYPTION_KEY)) {
    const dev = loadDevSecrets();
    input.AUTH_SECRET ??= dev.AUTH_SECRET;
    input.AKHROT_ENCRYPTION_KEY ??= dev.AKHROT_ENCRYPTION_KEY;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const name = i.path.join(".");
      const hint = /SECRET|KEY/.test(name) && !i.message.includes("openssl") ? `; ${GENERATE_HINT}` : "";
      return `  ${name}: ${input[name] === undefined ? "is required" : i.message}${hint}`;
    });
    throw new EnvError(`Invalid Akhrot configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  const parsed = result.data;
  if (parsed.SMTP_URL && !parsed.EMAIL_FROM) {
    throw new EnvError("Invalid Akhrot configuration:\n  EMAIL_FROM: is required with SMTP_URL (the sender address, e.g. \"Akhrot <no-reply@example.com>\").\nSee .env.example.");
  }
  if (parsed.SMTP_URL && !parsed.APP_URL) {
    // Links in e-mail must never take their host from a request (a forged Host header would
    // send someone's password-reset link to the forger's site).
    throw new EnvError("Invalid Akhrot configuration:\n  APP_URL: is required with SMTP_URL (links in e-mail use it, never the request's host).\nSee .env.example.");
  }
  const env: Env = {
    ...parsed,
    // Vercel's edge sets X-Forwarded-For itself: one trusted hop. Elsewhere assume none until told.
    AKHROT_TRUSTED_PROXIES: parsed.AKHROT_TRUSTED_PROXIES ?? (parsed.VERCEL ? 1 : 0),
    // A deployed vault that anyone can join is a phishing kit on the operator's domain (S2):
    // production starts invitation-only; the first account comes from `akhrot user create`.
    AKHROT_SIGNUP: parsed.AKHROT_SIGNUP ?? (production ? "invite" : "open"),
  };
  parseExtraScopes(source);
  if (env.VERCEL && !env.DATABASE_URL) {
    throw new EnvError(
      "Invalid Akhrot configuration:\n  DATABASE_URL: is required on Vercel (the embedded PGlite database needs a persistent disk); set it to a Postgres connection string, e.g. from Vercel Postgres or Neon.",
    );
  }
  return env;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Per-provider variables, read once: OAUTH_<CODE>_* (app credentials, endpoint overrides) and
 * APIKEY_<CODE>_BASE_URL (where API-key checks are sent: a self-hosted or test server).
 * Values are validated where they are used.
 */
export function oauthEnv(): Record<string, string> {
  if (!cachedOAuth) {
    cachedOAuth = {};
    for (const [k, v] of Object.entries(process.env)) if ((k.startsWith("OAUTH_") || k.startsWith("APIKEY_")) && v) cachedOAuth[k] = v;
  }
  return cachedOAuth;
}

/** Tests change process.env between cases; production code never calls this. */
export function resetEnvCache(): void {
  cached = undefined;
  cachedOAuth = undefined;
  cachedExtraScopes = undefined;
}
