/**
 * Per-key rate limiting. Backend, in order: Upstash (UPSTASH_REDIS_REST_URL/_TOKEN, for
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

export function memoryLimiter(max: number, windowMs = WINDOW_MS): Limiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    backend: "memory",
    async limit(id) {
      const now = Date.now();
      const start = now - (now % windowMs);
      let w = windows.get(id);
      if (!w || w.start !== start) {
        if (windows.size > 10_000) windows.clear(); // bounded memory: old windows are worthless
        w = { start, count: 0 };
        windows.set(id, w);
      }
      w.count++;
      return { success: w.count <= max, limit: max, remaining: Math.max(0, max - w.count), reset: start + windowMs };
    },
  };
}

async function redisLimiter(max: number): Promise<Limiter> {
  const { Ratelimit } = await import("@upstash/ratelimit");
  const e = env();
  let redis: ConstructorParameters<typeof Ratelimit>[0]["redis"];
  let backend: Limiter["backend"];
  if (e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN) {
    const { Redis } = await import("@upstash/redis");
    redis = new Redis({ url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN });
    backend = "upstash";
  } else {
    const { Redis } = await import("ioredis");
    const url = e.REDIS_URL ?? "redis://127.0.0.1:6379";
    // Commands queue while the connection comes up (a cold start must not skip limiting), but
    // each is bounded: with Redis away a request waits at most ~1 s before the fail mode applies.
    const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000, commandTimeout: 1000 });
    client.on("error", () => {}); // surfaced per request through limit()
    redis = ioredisAdapter(client) as unknown as typeof redis;
    backend = "redis";
  }
  const rl = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(max, "60 s"), prefix: "akhrot:rl", analytics: false, enableProtection: false });
  return { backend, limit: (id) => rl.limit(id) };
}

let lastFailureLog = 0;

/** Wrap a limiter with the configured fail mode for backend errors. */
export function withFailMode(inner: Limiter, mode: "open" | "closed", max: number): Limiter {
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
        return { success: mode === "open", limit: max, remaining: mode === "open" ? max : 0, reset: Date.now() + WINDOW_MS, degraded: true };
      }
    },
  };
}

const holder = globalThis as typeof globalThis & { __akhrotLimiter?: Promise<Limiter> };

export function getLimiter(): Promise<Limiter> {
  holder.__akhrotLimiter ??= (async () => {
    const e = env();
    const max = e.RATE_LIMIT_PER_MINUTE;
    const useRedis = Boolean((e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN) || e.REDIS_URL);
    const inner = useRedis ? await redisLimiter(max) : memoryLimiter(max);
    return withFailMode(inner, e.RATE_LIMIT_FAIL_MODE, max);
  })();
  return holder.__akhrotLimiter;
}

/** Tests switch backends between cases. */
export function resetLimiter(): void {
  holder.__akhrotLimiter = undefined;
}
