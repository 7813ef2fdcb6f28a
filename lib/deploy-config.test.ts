/**
 * Issue 15 item 1, checked: vercel.json deploys on the Hobby plan (crons at most daily, a
 * route behind each), previews never migrate production, Vercel's KV variable names are
 * accepted, and `engines` names the Node versions that have `zlib.crc32`.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { migrationDecision } from "@/db/migration-decision";
import { parseEnv } from "./env";

const root = path.resolve(__dirname, "..");
const vercel = JSON.parse(readFileSync(path.join(root, "vercel.json"), "utf8")) as { buildCommand?: string; crons?: { path: string; schedule: string }[] };
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { engines?: { node?: string }; scripts: Record<string, string> };

describe("vercel.json", () => {
  it("schedules every cron at most once a day (Hobby refuses more), each on a real route", () => {
    expect(vercel.crons?.length).toBeGreaterThan(0);
    for (const cron of vercel.crons ?? []) {
      const [minute, hour, ...rest] = cron.schedule.split(" ");
      expect(rest).toHaveLength(3);
      // Hobby: one run per day, so minute and hour are single numbers.
      expect([minute, hour]).toEqual([expect.stringMatching(/^\d{1,2}$/), expect.stringMatching(/^\d{1,2}$/)]);
      expect(existsSync(path.join(root, "app", cron.path, "route.ts")), cron.path).toBe(true);
    }
  });

  it("builds with the migrate script that decides per environment", () => {
    expect(vercel.buildCommand).toBe("npm run db:migrate && npm run build");
    expect(pkg.scripts["db:migrate"]).toBe("tsx scripts/migrate.ts");
    expect(readFileSync(path.join(root, "scripts/migrate.ts"), "utf8")).toContain("migrationDecision(env())");
  });
});

describe("migrations on Vercel", () => {
  it.each([
    [{}, true],
    [{ VERCEL: "1", VERCEL_ENV: "production" }, true],
    [{ VERCEL: "1", VERCEL_ENV: "preview" }, false],
    [{ VERCEL: "1", VERCEL_ENV: "development" }, false],
    [{ VERCEL: "1" }, false],
    [{ VERCEL: "1", VERCEL_ENV: "preview", AKHROT_PREVIEW_MIGRATIONS: true }, true],
  ] as const)("%o → migrate: %s", (e, run) => {
    const decision = migrationDecision(e as Parameters<typeof migrationDecision>[0]);
    expect(decision.run).toBe(run);
    if (!run) expect(decision.reason).toMatch(/AKHROT_PREVIEW_MIGRATIONS=true/);
  });
});

describe("Upstash variables", () => {
  const base = { NODE_ENV: "production" as const, AUTH_SECRET: randomBytes(32).toString("base64"), AKHROT_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  it("accepts the names Vercel's KV integration sets; explicit UPSTASH_* names win", () => {
    const kv = parseEnv({ ...base, KV_REST_API_URL: "https://kv.example.upstash.io", KV_REST_API_TOKEN: "kv-token" });
    expect([kv.UPSTASH_REDIS_REST_URL, kv.UPSTASH_REDIS_REST_TOKEN]).toEqual(["https://kv.example.upstash.io", "kv-token"]);
    const both = parseEnv({ ...base, KV_REST_API_URL: "https://kv.example.upstash.io", KV_REST_API_TOKEN: "kv-token", UPSTASH_REDIS_REST_URL: "https://own.upstash.io", UPSTASH_REDIS_REST_TOKEN: "own" });
    expect([both.UPSTASH_REDIS_REST_URL, both.UPSTASH_REDIS_REST_TOKEN]).toEqual(["https://own.upstash.io", "own"]);
  });
});

describe("package.json engines", () => {
  it("names the Node versions with zlib.crc32 (20.15+ on 20, 22.2+ after)", () => {
    expect(pkg.engines?.node).toBe("^20.15.0 || >=22.2.0");
  });
});

describe("README Deploy button", () => {
  it("prompts for every variable a production build requires", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const link = /\(https:\/\/vercel\.com\/new\/clone\?([^)]+)\)/.exec(readme)?.[1] ?? "";
    const query = new URLSearchParams(link);
    expect(query.get("env")?.split(",")).toEqual(expect.arrayContaining(["DATABASE_URL", "AUTH_SECRET", "AKHROT_ENCRYPTION_KEY", "APP_URL"]));
    expect(query.get("envDescription")).toBeTruthy();
  });
});
