import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { revokeApiKey } from "@/lib/api-keys";
import { queueEvent } from "@/lib/audit/queue-event";
import { recordEvent } from "@/lib/audit/record-event";
import { makeKey, makeUser, testDb } from "@/lib/testing/fixtures";
import { callerFor as callerForDb, codeOf } from "@/lib/testing/trpc-caller";
import type { ActivityItem } from "./activity";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

const callerFor = (userId: string | null) => callerForDb(db, userId);


/** A user with two keys and 60 token fetches alternating google/openai and the two keys. */
async function seed() {
  const user = await makeUser(db);
  const { row: k1 } = await makeKey(db, user.id);
  const { row: k2 } = await makeKey(db, user.id);
  for (let i = 0; i < 60; i++) {
    await recordEvent(db, {
      userId: user.id,
      apiKeyId: i % 3 === 0 ? k2.id : k1.id,
      action: "token.fetch",
      provider: i % 2 === 0 ? "google" : "openai",
      outcome: i % 10 === 0 ? "failure" : "success",
      detail: i % 10 === 0 ? { error: "TOKEN_EXPIRED", sessionId: "cs_hidden" } : {},
    });
  }
  return { user, k1, k2 };
}

async function everyPage(userId: string, input: { provider?: string; apiKeyId?: string; limit?: number }) {
  const api = callerFor(userId);
  const items: ActivityItem[] = [];
  let cursor: number | null = null;
  let pages = 0;
  do {
    const page: { items: ActivityItem[]; nextCursor: number | null } = await api.activity.list({ ...input, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null && pages < 50);
  return { items, pages };
}

describe("activity router", () => {
  it("refuses callers without a session", async () => {
    expect(await codeOf(callerFor(null).activity.list({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(null).activity.filters())).toBe("UNAUTHORIZED");
  });

  it("pages newest first with a keyset cursor, 25 by default", async () => {
    const { user } = await seed();
    const first = await callerFor(user.id).activity.list({});
    expect(first.items).toHaveLength(25);
    expect(first.nextCursor).toBe(first.items.at(-1)?.id);
    const ids = first.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    // 60 fetches + 2 key.create events = 62 rows: 25 + 25 + 12, the last page without a cursor.
    const all = await everyPage(user.id, {});
    expect(all.pages).toBe(3);
    expect(all.items).toHaveLength(62);
    expect(new Set(all.items.map((e) => e.id)).size).toBe(62);
    expect(all.items.slice(-2).map((e) => e.action)).toEqual(["key.create", "key.create"]);

    // An exact multiple of the page size ends without an empty extra page.
    const exact = await everyPage(user.id, { limit: 31 });
    expect(exact.pages).toBe(2);
    expect(exact.items).toHaveLength(62);
  });

  it("filters by provider and by key, and joins the key's name", async () => {
    const { user, k1, k2 } = await seed();
    await revokeApiKey(db, k2.id, user.id);

    const google = await everyPage(user.id, { provider: "google", limit: 7 });
    expect(google.items).toHaveLength(30);
    expect(new Set(google.items.map((e) => e.provider))).toEqual(new Set(["google"]));
    expect(google.items[0]?.providerName).toBe("Google");

    const byK2 = await everyPage(user.id, { apiKeyId: k2.id });
    // 20 fetches, its key.create and its key.revoke.
    expect(byK2.items).toHaveLength(22);
    expect(byK2.items[0]).toMatchObject({ action: "key.revoke", provider: null, key: { id: k2.id, name: "test key", masked: `akh_…${k2.lastFour}`, revoked: true } });

    const both = await everyPage(user.id, { provider: "openai", apiKeyId: k1.id });
    expect(both.items.length).toBe(20);
    expect(both.items.every((e) => e.provider === "openai" && e.key?.id === k1.id && !e.key.revoked)).toBe(true);
  });

  it("shows only non-secret detail fields", async () => {
    const { user } = await seed();
    const { items } = await callerFor(user.id).activity.list({ provider: "google", limit: 100 });
    const failed = items.filter((e) => e.outcome === "failure");
    expect(failed).toHaveLength(6);
    for (const e of failed) expect(e.detail).toEqual({ error: "TOKEN_EXPIRED" });
    expect(JSON.stringify(items)).not.toContain("cs_hidden");
  });

  it("says how many identical events a row stands for", async () => {
    const user = await makeUser(db);
    const { row: key } = await makeKey(db, user.id);
    const fetch = { userId: user.id, apiKeyId: key.id, action: "token.fetch", provider: "github", outcome: "success" as const, detail: {} };
    await Promise.all(Array.from({ length: 12 }, () => queueEvent(db, fetch)));
    const { items } = await callerFor(user.id).activity.list({ provider: "github" });
    expect(items.map((e) => [e.action, e.count])).toEqual([["token.fetch", 12]]);
    expect((await callerFor(user.id).activity.list({})).items.find((e) => e.action === "key.create")?.count).toBe(1);
  });

  it("never shows another user's events or keys, even when filtered by them", async () => {
    const a = await seed();
    const b = await makeUser(db);
    await recordEvent(db, { userId: b.id, action: "connection.create", provider: "slack", detail: { account: "b-team" } });

    expect(await everyPage(b.id, { apiKeyId: a.k1.id })).toEqual({ items: [], pages: 1 });
    const bList = await callerFor(b.id).activity.list({});
    expect(bList.items.map((e) => [e.action, e.provider, e.detail])).toEqual([["connection.create", "slack", { account: "b-team" }]]);

    expect(await callerFor(b.id).activity.filters()).toEqual({ providers: [{ code: "slack", name: "Slack" }], keys: [] });
    const aFilters = await callerFor(a.user.id).activity.filters();
    expect(aFilters.providers).toEqual([
      { code: "google", name: "Google" },
      { code: "openai", name: "OpenAI" },
    ]);
    expect(aFilters.keys.map((k) => k.id).sort()).toEqual([a.k1.id, a.k2.id].sort());
  });

  it.each([
    ["a limit over 100", { limit: 101 }],
    ["a limit of 0", { limit: 0 }],
    ["a negative cursor", { cursor: -1 }],
    ["a fractional cursor", { cursor: 1.5 }],
  ])("refuses %s", async (_, input) => {
    const user = await makeUser(db);
    expect(await codeOf(callerFor(user.id).activity.list(input))).toBe("BAD_REQUEST");
  });
});
