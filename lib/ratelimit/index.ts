/**
 * Rate limiting: agent API requests per key, and password sign-in attempts per email.
 * Backend, in order: Upstash (UPSTASH_REDIS_REST_URL/_TOKEN, for
 * Vercel), a local Redis (REDIS_URL), or in-process memory (single-instance dev only).
 * The two Redis backends run @upstash/ratelimit's sliding window; memory uses a fixed
 * window with the same result shape.
 *
 * Redis unreachable: RATE_LIMIT_FAIL_MODE=open (default) lets the request through and logs
 * once a minute, because an outage of the limiter should not take the vault's agents down;
 * `closed` answers 429 instead. Either way the decision is deliberate and tested. The
 * sign-in/sign-up/e-mail limiters (AUTH_LIMITS) always fail closed: without them a password
 * could be guessed without bound, and nobody's agents wait on the sign-in form.
 */
import { env } from "@/lib/env";
import { ioredisAdapter } from "./ioredis-adapter";
import { logError } from "@/lib/log";
import { recordLimiterDegraded, recordRateLimited } from "@/lib/metrics";
import { frontLink } from "@/lib/server/front-link";

export type LimitResult = { success: boolean; limit: number; remaining: number; reset: number; degraded?: boolean };
/** `limit` answers at once (no promise) when it can: the memory backend, on every token fetch. */
export type Limiter = { limit: (identifier: string) => LimitResult | Promise<LimitResult>; backend: "upstash" | "redis" | "memory" };

const WINDOW_MS = 60_000;

type LimiterSpec = { name: string; max: number; windowMs: number; failClosed?: boolean };
const holder = globalThis as typeof globalThis & {
  __akhrotLimiters?: Map<string, Promise<Limiter>>;
  /** The same limiters once built, for callers that need no promise (the token-fetch hot path). */
  __akhrotReadyLimiters?: Map<string, Limiter>;
  __akhrotRedis?: Promise<{ redis: RedisForRatelimit; backend: Limiter["backend"] }>;
  /** The memory windows themselves, by limiter name (what a front thread answers Next's thread from). */
  __akhrotMemoryWindows?: Map<string, Limiter>;
};

/** Live windows the memory backend tracks before new identifiers share one overflow window. */
export const MEMORY_LIMITER_CAP = 50_000;
const OVERFLOW = "\u0000overflow";

export function memoryLimiter(max: number, windowMs = WINDOW_MS, cap = MEMORY_LIMITER_CAP): Limiter {
  const windows = new Map<string, { start: number; count: number }>();
  let sweptFor = -1;
  return {
    backend: "memory",
    limit(id) {
      const now = Date.now();
      const start = now - (now % windowMs);
      let key = id;
      let w = windows.get(key);
      if (!w || w.start !== start) {
        if (windows.size >= cap) {
          // Bounded memory without ever resetting a live counter (S3): drop past windows; if
          // the map is still full of live ones, newcomers share one overflow window, so
          // spraying identifiers throttles the sprayer instead of freeing the victim's counter.
          if (sweptFor !== start) {
            sweptFor = start; // once per window: a sweep per newcomer would be quadratic
            for (const [k, v] of windows) if (v.start !== start) windows.delete(k);
          }
          if (windows.size >= cap && !w) {
            key = OVERFLOW;
            w = windows.get(key);
          }
        }
        if (!w || w.start !== start) {
          w = { start, count: 0 };
          windows.set(key, w);
        }
      }
      w.count++;
      return { success: w.count <= max, limit: max, remaining: Math.max(0, max - w.count), reset: start + windowMs };
    },
  };
}

type RedisForRatelimit = ConstructorParameters<typeof import("@upstash/ratelimit").Ratelimit>[0]["redis"];

/** One Redis client per process, shared by every limiter. */
async function sharedRedis(): Promise<{ redis: RedisForRatelimit; backend: Limiter["backend"] }> {
  holder.__akhrotRedis ??= (async () => {
    const e = env();
    if (e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN) {
      const { Redis } = await import("@upstash/redis");
      return { redis: new Redis({ url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN }), backend: "upstash" as const };
    }
    const { Redis } = await import("ioredis");
    // Commands queue while the connection comes up (a cold start must not skip limiting), but
    // each is bounded: with Redis away a request waits at most ~1 s before the fail mode applies.
    const client = new Redis(e.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000, commandTimeout: 1000 });
    client.on("error", () => {}); // surfaced per request through limit()
    return { redis: ioredisAdapter(client) as unknown as RedisForRatelimit, backend: "redis" as const };
  })();
  return holder.__akhrotRedis;
}

async function redisLimiter(spec: LimiterSpec): Promise<Limiter> {
  const { Ratelimit } = await import("@upstash/ratelimit");
  const { redis, backend } = await sharedRedis();
  const rl = new Ratelimit({
    redis,
    limiter: Ratelimit.slidingWindow(spec.max, `${Math.round(spec.windowMs / 1000)} s`),
    prefix: `akhrot:rl:${spec.name}`,
    analytics: false,
    enableProtection: false,
  });
  return { backend, limit: (id) => rl.limit(id) };
}

let lastFailureLog = 0;

/** Wrap a limiter with the configured fail mode for backend errors. */
export function withFailMode(inner: Limiter, mode: "open" | "closed", max: number, windowMs = WINDOW_MS): Limiter {
  const degraded = (err: unknown): LimitResult => {
    if (Date.now() - lastFailureLog > 60_000) {
      lastFailureLog = Date.now();
      logError("ratelimit", err, { backend: inner.backend, failMode: mode });
    }
    return { success: mode === "open", limit: max, remaining: mode === "open" ? max : 0, reset: Date.now() + windowMs, degraded: true };
  };
  return {
    backend: inner.backend,
    limit(id) {
      let result: LimitResult | Promise<LimitResult>;
      try {
        result = inner.limit(id);
      } catch (err) {
        return degraded(err);
      }
      return result instanceof Promise ? result.catch(degraded) : result;
    },
  };
}

/** Refusals and fail-mode answers, by limiter name, for /metrics. */
function counted(name: string, inner: Limiter, mode: "open" | "closed"): Limiter {
  const count = (result: LimitResult): LimitResult => {
    if (result.degraded) recordLimiterDegraded(name, mode);
    if (!result.success) recordRateLimited(name);
    return result;
  };
  return {
    backend: inner.backend,
    limit(id) {
      const result = inner.limit(id);
      return result instanceof Promise ? result.then(count) : count(result);
    },
  };
}

function limiterFor(spec: LimiterSpec): Promise<Limiter> {
  const limiters = (holder.__akhrotLimiters ??= new Map());
  let limiter = limiters.get(spec.name);
  if (!limiter) {
    const ready = (holder.__akhrotReadyLimiters ??= new Map());
    limiter = (async () => {
      // (resetLimiter replaces both maps; a limiter built for the old ones lands in the old map.)
      const e = env();
      const useRedis = Boolean((e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN) || e.REDIS_URL);
      const inner = useRedis ? await redisLimiter(spec) : memoryWindows(spec);
      const mode = spec.failClosed ? "closed" : e.RATE_LIMIT_FAIL_MODE;
      const built = counted(spec.name, withFailMode(inner, mode, spec.max, spec.windowMs), mode);
      ready.set(spec.name, built);
      return built;
    })();
    limiters.set(spec.name, limiter);
  }
  return limiter;
}

/**
 * The memory backend's windows for `spec`. Under `npm start` on Postgres the agent API limiter
 * is counted in two threads (the front answers the hot routes, Next the rest: lib/server/front-link.ts),
 * so Next's thread asks the front's windows instead of keeping a second set: one budget per key.
 */
function memoryWindows(spec: LimiterSpec): Limiter {
  const link = frontLink();
  if (link && spec.name === "api") return { backend: "memory", limit: (id) => link.limit(spec.name, id) };
  const windows = (holder.__akhrotMemoryWindows ??= new Map());
  let limiter = windows.get(spec.name);
  if (!limiter) {
    limiter = memoryLimiter(spec.max, spec.windowMs);
    windows.set(spec.name, limiter);
  }
  return limiter;
}

/**
 * The front thread's side of `memoryWindows`: one request of Next's thread against this thread's
 * own window (not counted again here: Next's thread counts its refusals itself).
 */
export async function limitForOtherThread(name: string, id: string): Promise<LimitResult> {
  if (name !== "api") throw new Error(`No shared limiter named ${name}.`);
  await getLimiter();
  const windows = holder.__akhrotMemoryWindows?.get(name);
  if (!windows) throw new Error(`The ${name} limiter has no memory windows in this thread.`);
  return windows.limit(id);
}

/**
 * One request against the agent API limiter: answered at once (no promise) once the limiter is
 * built and its backend is memory, as on every token fetch of a single instance.
 */
export function limitApi(identifier: string): LimitResult | Promise<LimitResult> {
  const ready = holder.__akhrotReadyLimiters?.get("api");
  return ready ? ready.limit(identifier) : getLimiter().then((l) => l.limit(identifier));
}

/** Agent API requests, per key (or per client address on public routes). */
export function getLimiter(): Promise<Limiter> {
  return limiterFor({ name: "api", max: env().RATE_LIMIT_PER_MINUTE, windowMs: WINDOW_MS });
}

/**
 * The limits in front of every password check, account creation and outgoing e-mail, all
 * counted BEFORE any argon2 work (S3, S7) and failing closed. Per email they stop guessing
 * one account; per client IP (lib/api/client-ip.ts) they stop spraying many accounts and
 * flooding argon2's threads. Sized so one office behind one address still signs in.
 */
export const AUTH_LIMITS = {
  /** Password sign-in attempts per email, whatever the path (form or /api/auth/callback/credentials). */
  "signin-email": { max: 10, windowMs: 15 * 60_000 },
  /** Password sign-in attempts per client IP, over all emails. */
  "signin-ip": { max: 50, windowMs: 15 * 60_000 },
  /** Account creations per client IP. */
  "signup-ip": { max: 20, windowMs: 60 * 60_000 },
  /** Sign-up attempts per email (each may send a verification mail to that address). */
  "signup-email": { max: 5, windowMs: 60 * 60_000 },
  /** Password-reset and verification mails per recipient address (no mail-bombing through us). */
  "email-recipient": { max: 5, windowMs: 60 * 60_000 },
  /** Password-reset requests per client IP. */
  "reset-ip": { max: 20, windowMs: 60 * 60_000 },
} as const;
export type AuthLimitName = keyof typeof AUTH_LIMITS;

/** The limit in force: the per-IP ones can be raised (a big office behind one address, a test suite). */
export function authLimitMax(name: AuthLimitName): number {
  const e = env();
  if (name === "signin-ip") return e.AKHROT_SIGNIN_PER_IP ?? AUTH_LIMITS[name].max;
  if (name === "signup-ip") return e.AKHROT_SIGNUP_PER_IP ?? AUTH_LIMITS[name].max;
  return AUTH_LIMITS[name].max;
}

export function getAuthLimiter(name: AuthLimitName): Promise<Limiter> {
  return limiterFor({ name, max: authLimitMax(name), windowMs: AUTH_LIMITS[name].windowMs, failClosed: true });
}

export const SIGN_IN_ATTEMPTS = AUTH_LIMITS["signin-email"].max;

/**
 * Readiness: reach the limiter's Redis (Upstash or local) with one cheap read. "none" when no
 * Redis is configured (the in-process limiter needs nothing).
 */
export async function pingLimiterBackend(): Promise<Limiter["backend"] | "none"> {
  const e = env();
  if (!((e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN) || e.REDIS_URL)) return "none";
  const { redis, backend } = await sharedRedis();
  await redis.get("akhrot:readyz");
  return backend;
}

/** Public pages, callbacks and form steps (connect links, OAuth callback, Telegram), per client IP. */
export function getPublicIpLimiter(): Promise<Limiter> {
  return limiterFor({ name: "public-ip", max: env().RATE_LIMIT_PUBLIC_PER_MINUTE, windowMs: WINDOW_MS });
}

/** Failed agent-key authentications (unknown, revoked, malformed), per client IP. */
export function getKeyFailureLimiter(): Promise<Limiter> {
  return limiterFor({ name: "key-failures-ip", max: env().RATE_LIMIT_KEY_FAILURES_PER_MINUTE, windowMs: WINDOW_MS });
}

/** Telegram auth.sendCode, per Akhrot user and per phone number (SMS pumping, harassment, api_id bans). */
export function getTelegramCodeLimiter(): Promise<Limiter> {
  return limiterFor({ name: "telegram-code", max: env().TELEGRAM_CODES_PER_HOUR, windowMs: 60 * WINDOW_MS });
}

/** Tests switch backends between cases. */
export function resetLimiter(): void {
  holder.__akhrotLimiters = undefined;
  holder.__akhrotReadyLimiters = undefined;
  holder.__akhrotRedis = undefined;
  holder.__akhrotMemoryWindows = undefined;
}
