import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { connections } from "@/db/schema";
import { flushWrites } from "@/db/write-batcher";
import { toAuthedKey } from "@/lib/api-keys/key-cache";
import { makeKey, makeOAuthConnection, makeUser, testDb } from "@/lib/testing/fixtures";
import { CONNECTION_STAMP_EVERY_MS, fetchToken } from "./fetch-token";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

/** A user with two keys and one Google connection, last stamped `agoMs` ago by `by` (or never). */
async function seed(stamp?: { agoMs: number; by: "first" | "second" }) {
  const user = await makeUser(db);
  const [first, second] = [(await makeKey(db, user.id)).row, (await makeKey(db, user.id)).row];
  const conn = await makeOAuthConnection(db, user.id, "google");
  const at = stamp ? new Date(Date.now() - stamp.agoMs) : null;
  if (at && stamp) await db.update(connections).set({ lastUsedAt: at, lastUsedKeyId: (stamp.by === "first" ? first : second).id }).where(eq(connections.id, conn.id));
  return { first: toAuthedKey(first, user.email), second: toAuthedKey(second, user.email), conn, at };
}

async function stampOf(id: string) {
  const [row] = await db.select({ at: connections.lastUsedAt, keyId: connections.lastUsedKeyId }).from(connections).where(eq(connections.id, id));
  return row;
}

describe("a connection's last-used stamp", () => {
  it("is written on the first fetch, with the key that fetched", async () => {
    const { first, conn } = await seed();
    const before = Date.now();
    await fetchToken(db, first, { provider: "google" });
    await flushWrites();
    const stamp = await stampOf(conn.id);
    expect(stamp?.keyId).toBe(first.id);
    expect(stamp?.at?.getTime()).toBeGreaterThanOrEqual(before - 1);
  });

  it("is not rewritten while the row's own stamp by the same key is fresh, whichever process stamped it", async () => {
    // Stamped a minute ago elsewhere: this process has never stamped it, and still writes nothing.
    const { first, conn, at } = await seed({ agoMs: 60_000, by: "first" });
    await fetchToken(db, first, { provider: "google" });
    await flushWrites();
    expect(await stampOf(conn.id)).toEqual({ at, keyId: first.id });
  });

  it("is rewritten once older than the interval, or when another key fetches", async () => {
    const stale = await seed({ agoMs: CONNECTION_STAMP_EVERY_MS + 1_000, by: "first" });
    const other = await seed({ agoMs: 60_000, by: "second" });
    const before = Date.now();
    await fetchToken(db, stale.first, { provider: "google" });
    await fetchToken(db, other.first, { provider: "google" });
    await flushWrites();
    for (const [{ conn }, key] of [[stale, stale.first], [other, other.first]] as const) {
      const stamp = await stampOf(conn.id);
      expect(stamp?.keyId).toBe(key.id);
      expect(stamp?.at?.getTime()).toBeGreaterThanOrEqual(before - 1);
    }
  });
});
