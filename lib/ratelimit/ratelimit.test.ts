import { describe, expect, it, vi } from "vitest";
import { MEMORY_LIMITER_CAP, memoryLimiter, withFailMode, type Limiter } from "./index";

describe("rate limiter", () => {
  it("memory: allows `max` per window per identifier", async () => {
    const l = memoryLimiter(2, 60_000);
    const r = [await l.limit("a"), await l.limit("a"), await l.limit("a"), await l.limit("b")];
    expect(r.map((x) => x.success)).toEqual([true, true, false, true]);
    expect(r[2]?.remaining).toBe(0);
  });

  const broken: Limiter = { backend: "redis", limit: () => Promise.reject(new Error("ECONNREFUSED")) };
  it("fail-open lets requests through when the backend is down (documented default)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await withFailMode(broken, "open", 10).limit("k");
    expect(r).toMatchObject({ success: true, degraded: true });
  });
  it("fail-closed refuses when the backend is down", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await withFailMode(broken, "closed", 10).limit("k");
    expect(r).toMatchObject({ success: false, degraded: true });
  });
});

describe.runIf(process.env.TEST_REDIS_URL)("@upstash/ratelimit over a real Redis", () => {
  it("counts across limiter instances sharing one Redis (many app instances)", async () => {
    const { Redis } = await import("ioredis");
    const { Ratelimit } = await import("@upstash/ratelimit");
    const { ioredisAdapter } = await import("./ioredis-adapter");
    const make = () => {
      const client = new Redis(process.env.TEST_REDIS_URL ?? "");
      const redis = ioredisAdapter(client) as unknown as ConstructorParameters<typeof Ratelimit>[0]["redis"];
      return { client, rl: new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(3, "60 s"), prefix: "akhrot:test", analytics: false }) };
    };
    const a = make();
    const b = make();
    const id = `k-${Date.now()}-${Math.random()}`;
    const results = [await a.rl.limit(id), await b.rl.limit(id), await a.rl.limit(id), await b.rl.limit(id)];
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    a.client.disconnect();
    b.client.disconnect();
  });

  it("the app limiter fails open when its Redis is unreachable", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { resetEnvCache } = await import("@/lib/env");
    const { getLimiter, resetLimiter } = await import("./index");
    const saved = process.env.REDIS_URL;
    process.env.REDIS_URL = "redis://127.0.0.1:1";
    resetEnvCache();
    resetLimiter();
    const r = await (await getLimiter()).limit("k");
    expect(r).toMatchObject({ success: true, degraded: true });
    process.env.REDIS_URL = saved;
    resetEnvCache();
    resetLimiter();
  });
});

describe("S3: the memory backend never resets a live window", () => {
  it("S3: spraying more identifiers than it tracks leaves a throttled counter throttled", async () => {
    const l = memoryLimiter(10, 365 * 24 * 60 * 60_000); // no window boundary during the test
    for (let i = 0; i < 11; i++) await l.limit("b@test");
    expect((await l.limit("b@test")).success).toBe(false);
    for (let i = 0; i < MEMORY_LIMITER_CAP + 10_000; i++) await l.limit(`spray-${i}@test`);
    expect((await l.limit("b@test")).success).toBe(false);
    // Newcomers past the cap share one window, so the sprayer throttles itself.
    expect((await l.limit("newcomer@test")).success).toBe(false);
  });
});
