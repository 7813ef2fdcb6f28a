/**
 * The Activity CSV over the real database: the page's filters apply, untrusted cells cannot
 * become spreadsheet formulas, nothing secret or internal is exported, and the row cap holds.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { insertAuditEvents } from "@/db/queries/audit";
import { exportActivityCsv } from "@/lib/activity/export-activity-csv";
import { makeKey, makeUser, testDb } from "@/lib/testing/fixtures";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

async function seed() {
  const user = await makeUser(db);
  const other = await makeUser(db);
  const k1 = (await makeKey(db, user.id)).row;
  const k2 = (await makeKey(db, user.id)).row;
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  await insertAuditEvents(db, [
    { userId: user.id, apiKeyId: k1.id, action: "token.fetch", provider: "google", outcome: "success", detail: { account: "alice@example.com" }, count: 3, createdAt: t(1) },
    { userId: user.id, apiKeyId: k2.id, action: "token.fetch", provider: "github", outcome: "failure", detail: { error: "=cmd|' /C calc'!A0", status: 400 }, createdAt: t(2) },
    { userId: user.id, apiKeyId: k1.id, action: "token.refresh", provider: "google", outcome: "failure", detail: { error: "invalid_grant", status: 400, secretish: "never-exported" }, createdAt: t(3) },
    { userId: other.id, action: "token.fetch", provider: "google", outcome: "success", detail: { account: "mallory@example.com" }, createdAt: t(4) },
  ]);
  return { user, k1, k2 };
}

const parse = (csv: string) => csv.trimEnd().split("\r\n");

describe("activity CSV export", () => {
  it("exports the user's events newest first, with the page's columns and nothing else", async () => {
    const { user } = await seed();
    const { csv, rows, truncated } = await exportActivityCsv(db, user.id, {});
    const lines = parse(csv);
    expect(lines[0]).toBe("time,action,outcome,provider,key_name,key,account,error,http_status,scopes,missing_scopes,count");
    // The three seeded events, then the two key.create rows makeKey wrote first (newest id first).
    expect([rows, truncated]).toEqual([5, false]);
    expect(lines.slice(1, 4).map((l) => l.split(",").slice(0, 4).join(","))).toEqual([
      "2026-01-01T00:00:03.000Z,token.refresh,failure,google",
      "2026-01-01T00:00:02.000Z,token.fetch,failure,github",
      "2026-01-01T00:00:01.000Z,token.fetch,success,google",
    ]);
    // Three identical fetches of one write window are one row with their count (lib/audit/queue-event.ts).
    expect(lines.slice(1, 4).map((l) => l.split(",").at(-1))).toEqual(["1", "1", "3"]);
    expect(lines.slice(4).map((l) => l.split(",").slice(1, 5).join(","))).toEqual(["key.create,success,,test key", "key.create,success,,test key"]);
    expect(csv).not.toContain("mallory");
    expect(csv).not.toContain("never-exported");
    expect(csv).not.toMatch(/akh_[0-9A-Za-z]{10}/);
  });

  it("applies the provider and key filters", async () => {
    const { user, k1, k2 } = await seed();
    expect(parse((await exportActivityCsv(db, user.id, { provider: "google" })).csv)).toHaveLength(3);
    expect(parse((await exportActivityCsv(db, user.id, { apiKeyId: k2.id })).csv)).toHaveLength(3); // its fetch and its key.create
    const both = parse((await exportActivityCsv(db, user.id, { provider: "google", apiKeyId: k1.id })).csv);
    expect(both.slice(1).every((l) => l.includes(",google,"))).toBe(true);
    expect(both).toHaveLength(3);
  });

  it("a provider-sent error cannot become a spreadsheet formula", async () => {
    const { user } = await seed();
    const { csv } = await exportActivityCsv(db, user.id, { provider: "github" });
    expect(csv).toContain(`,'=cmd|' /C calc'!A0,400,`);
    expect(csv).not.toMatch(/,=cmd/);
  });

  it("stops at the cap and says so", async () => {
    const { user } = await seed();
    const { csv, rows, truncated } = await exportActivityCsv(db, user.id, {}, 2);
    expect([rows, truncated]).toEqual([2, true]);
    expect(parse(csv).at(-1)).toBe("# only the newest 2 events; narrow the filters for older ones");
  });
});
