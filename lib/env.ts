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
  /** Extra hosts a user-supplied API base URL may point at (self-hosted Supabase): `db.example.com,*.corp.example`. */
  AKHROT_VERIFY_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean) : []))
    .pipe(z.array(z.string().regex(/^(\*\.)?[a-z0-9.-]+$/, "must be host names or *.domain patterns, comma-separated"))),
  /** Outbound calls (key checks, webhooks) may reach private/loopback addresses and plain http: tests and private networks only. */
  AKHROT_OUTBOUND_ALLOW_PRIVATE: boolish,
  TELEGRAM_API_ID: z.string().regex(/^\d+$/, "must be the numeric api_id from my.telegram.org").optional(),
  TELEGRAM_API_HASH: z.string().regex(/^[0-9a-f]{32}$/, "must be the 32-hex api_hash").optional(),
  /** Telegram login codes an Akhrot user, and a phone number, may request per hour. */
  TELEGRAM_CODES_PER_HOUR: z.coerce.number().int().positive().default(5),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
let cachedOAuth: Record<string, string> | undefined;

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
  console.info(`akhrot: generated development secrets in ${path.relative(process.cwd(), file)} (never use them in production)`);
  return secrets;
}

/** Parse a raw environment. Pure apart from dev-secret generation; exported for tests. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const input: Record<string, string | undefined> = { ...source };
  for (const k of Object.keys(input)) if (input[k] === "") input[k] = undefined;
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
  const env = result.data;
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
}
