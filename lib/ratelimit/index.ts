/**
 * Rate limiting: agent API requests per key, and password sign-in attempts per email.
 * Backend, in order: Upstash (UPSTASH_REDIS_REST_URL/_TOKEN, for
 * Vercel), a local Redis (REDIS_URL), or in-process memory (single-instance dev only).
 * The two Redis backends run @upstash/ratelimit's sliding window; memory uses a fixed
 * window with the same result shape.
 *
 * Redis unreachable: RATE_LIMIT_FAIL_MODE=open (default) lets the request through and logs
 * once a minute, because an outage of the limiter should not take the vault's agents down;
 * `closed` answers 429 instead. Either way the decision is deliberate and tested.
 */
import { env } from "@/lib/env";
import { ioredisAdapter } from "./ioredis-adapter";

export type LimitResult = { success: boolean; limit: number; remaining: number; reset: number; degraded?: boolean };
export type Limiter = { limit: (identifier: string) => Promise<LimitResult>; backend: "upstash" | "redis" | "memory" };

const WINDOW_MS = 60_000;

type LimiterSpec = { name: string; max: number; windowMs: number };
const holder = globalThis as typeof globalThis & {
  __akhrotLimiters?: Map<string, Promise<Limiter>>;
  __akhrotRedis?: Promise<{ redis: RedisForRatelimit; backend: Limiter["backend"] }>;
};

export function memoryLimiter(max: number, windowMs = WINDOW_MS): Limiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    backend: "memory",
    async limit(id) {
      const now = Date.now();
      const start = now - (now % windowMs);
      let w = windows.get(id);
      if (!w || w.start !== start) {
        if (windows.size > 10_000) {
          // Bounded memory: drop past windows first, so spraying identifiers cannot reset a live counter.
          for (const [k, v] of windows) if (v.start !== start) windows.delete(k);
          if (windows.size > 50_000) windows.clear();
        }
        w = { start, count: 0 };
        windows.set(id, w);
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
  return {
    backend: inner.backend,
    async limit(id) {
      try {
        return await inner.limit(id);
      } catch (err) {
        if (Date.now() - lastFailureLog > 60_000) {
          lastFailureLog = Date.now();
          console.error(`akhrot: rate limiter unavailable (${inner.backend}, failing ${mode}): ${err instanceof Error ? err.message : "error"}`);
        }
        return { success: mode === "open", limit: max, remaining: mode === "open" ? max : 0, reset: Date.now() + windowMs, degraded: true };
      }
    },
  };
}

function limiterFor(spec: LimiterSpec): Promise<Limiter> {
  const limiters = (holder.__akhrotLimiters ??= new Map());
  let limiter = limiters.get(spec.name);
  if (!limiter) {
    limiter = (async () => {
      const e = env();
      const useRedis = Boolean((e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN) || e.REDIS_URL);
      const inner = useRedis ? await redisLimiter(spec) : memoryLimiter(spec.max, spec.windowMs);
      return withFailMode(inner, e.RATE_LIMIT_FAIL_MODE, spec.max, spec.windowMs);
    })();
    limiters.set(spec.name, limiter);
  }
  return limiter;
}

/** Agent API requests, per key (or per client address on public routes). */
export function getLimiter(): Promise<Limiter> {
  return limiterFor({ name: "api", max: env().RATE_LIMIT_PER_MINUTE, windowMs: WINDOW_MS });
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

/** Dashboard password sign-in attempts, per email: slows down guessing on top of argon2's cost. */
export const SIGN_IN_ATTEMPTS = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export function getSignInLimiter(): Promise<Limiter> {
  return limiterFor({ name: "signin", max: SIGN_IN_ATTEMPTS, windowMs: SIGN_IN_WINDOW_MS });
}

/** Tests switch backends between cases. */
export function resetLimiter(): void {
  holder.__akhrotLimiters = undefined;
  holder.__akhrotRedis = undefined;
}
