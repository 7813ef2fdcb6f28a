/**
 * GET /healthz and GET /readyz through the real route handlers: a ready instance, and each way
 * readiness fails (a database never migrated, one migration missing, Redis configured but
 * unreachable), always naming the failed check without leaking configuration.
 */
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { migrationsFolder } from "@/db/migrate";
import journal from "@/db/migrations/meta/_journal.json";
import { GET as healthz } from "@/app/healthz/route";
import { GET as readyz } from "@/app/readyz/route";
import { resetEnvCache } from "@/lib/env";
import { checkReadiness } from "@/lib/health/check-readiness";
import { resetLimiter } from "@/lib/ratelimit";
import { request, testDb } from "@/lib/testing/fixtures";

beforeAll(async () => {
  await testDb();
});

async function freshPglite(): Promise<{ db: Db; close: () => Promise<void> }> {
  const client = new PGlite();
  await client.waitReady;
  return { db: drizzle(client, { schema }) as unknown as Db, close: () => client.close() };
}

describe("GET /healthz", () => {
  it("answers 200 without touching anything, with a request id", async () => {
    const res = await healthz(request("/healthz"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("GET /readyz", () => {
  afterEach(() => {
    delete process.env.REDIS_URL;
    if (process.env.TEST_REDIS_URL) process.env.REDIS_URL = process.env.TEST_REDIS_URL;
    resetEnvCache();
    resetLimiter();
  });

  it("a migrated database, a loading key and (if configured) Redis → 200 ready", async () => {
    const res = await readyz(request("/readyz"));
    const body = (await res.json()) as { status: string; failed: string[]; checks: Record<string, { ok: boolean; message: string }> };
    expect(res.status).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.failed).toEqual([]);
    expect(Object.keys(body.checks).sort()).toEqual(["database", "encryption", "migrations", "redis"]);
    expect(body.checks.migrations?.message).toBe(`${journal.entries.length} of ${journal.entries.length} migrations applied`);
  });

  it("a database that was never migrated → not ready, naming the migrations check", async () => {
    const bare = await freshPglite();
    try {
      const r = await checkReadiness({ db: async () => bare.db, pingRedis: async () => "none" });
      expect(r.status).toBe("unavailable");
      expect(r.failed).toEqual(["migrations"]);
      expect(r.checks.database.ok).toBe(true);
      expect(r.checks.migrations.message).toMatch(new RegExp(`^0 of ${journal.entries.length} migrations applied: run npm run db:migrate`));
    } finally {
      await bare.close();
    }
  });

  it("one committed migration not applied → not ready, naming it (the journal is compared, not just the table)", async () => {
    const partial = await freshPglite();
    try {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(partial.db as Parameters<typeof migrate>[0], { migrationsFolder });
      const last = journal.entries.at(-1);
      if (!last) throw new Error("empty journal");
      await partial.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${last.when}`);
      const r = await checkReadiness({ db: async () => partial.db, pingRedis: async () => "none" });
      expect(r.failed).toEqual(["migrations"]);
      expect(r.checks.migrations.message).toContain(`missing ${last.tag}`);
    } finally {
      await partial.close();
    }
  });

  it("the database unreachable → both database checks fail, the rest still run", async () => {
    const r = await checkReadiness({ db: () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED postgres://u:hunter2@db:5432/x"), { code: "ECONNREFUSED" })), pingRedis: async () => "none" });
    expect(r.failed).toEqual(["database", "migrations"]);
    expect(r.checks.database.message).toBe("unreachable (Error ECONNREFUSED)");
    expect(JSON.stringify(r)).not.toContain("hunter2");
    expect(r.checks.encryption.ok).toBe(true);
  });

  it("Redis configured but unreachable → 503 naming redis, no URL in the body", async () => {
    process.env.REDIS_URL = "redis://:sekrit-pass@127.0.0.1:1";
    resetEnvCache();
    resetLimiter();
    const res = await readyz(request("/readyz"));
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(JSON.parse(text)).toMatchObject({ status: "unavailable", failed: ["redis"], checks: { redis: { ok: false } } });
    expect(text).not.toMatch(/sekrit|127\.0\.0\.1/);
  });
});
