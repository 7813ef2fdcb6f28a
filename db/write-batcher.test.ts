import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { stampApiKeysUsed } from "@/db/queries/api-keys";
import { stampConnectionsUsed } from "@/db/queries/connections";
import { stampServiceApiKeysUsed } from "@/db/queries/service-keys";
import { createServiceKey } from "@/lib/service-keys/manage-service-keys";
import { ALL_PERMISSIONS, makeOrg, makeService } from "@/lib/testing/org-fixtures";
import { apiKeys, connections, serviceApiKeys } from "@/db/schema";
import { makeKey, makeOAuthConnection, makeUser, testDb } from "@/lib/testing/fixtures";
import { createStampQueue, createWriteBatcher, flushWrites, latestById } from "./write-batcher";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe("last-used stamps, batched", () => {
  it("latestById keeps one stamp per id, the latest", () => {
    expect(latestById([{ id: "a", at: t(1) }, { id: "b", at: t(5) }, { id: "a", at: t(3) }, { id: "a", at: t(2) }])).toEqual([
      { id: "a", at: t(3) },
      { id: "b", at: t(5) },
    ]);
  });

  it("stamps many keys and connections in one statement each, never backwards", async () => {
    const user = await makeUser(db);
    const { row: k1 } = await makeKey(db, user.id);
    const { row: k2 } = await makeKey(db, user.id);
    const c1 = await makeOAuthConnection(db, user.id, "google");
    const c2 = await makeOAuthConnection(db, user.id, "github");
    await stampApiKeysUsed(db, [{ id: k1.id, at: t(10) }, { id: k2.id, at: t(20) }]);
    await stampApiKeysUsed(db, [{ id: k1.id, at: t(5) }]); // older: ignored
    await stampConnectionsUsed(db, [{ id: c1.id, at: t(30), keyId: k1.id }, { id: c2.id, at: t(40), keyId: k2.id }]);
    await stampConnectionsUsed(db, [{ id: c2.id, at: t(35), keyId: k1.id }]); // older: ignored
    const key = async (id: string) => (await db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0]?.lastUsedAt?.toISOString();
    const conn = async (id: string) => {
      const [r] = await db.select().from(connections).where(eq(connections.id, id));
      return [r?.lastUsedAt?.toISOString(), r?.lastUsedKeyId];
    };
    expect([await key(k1.id), await key(k2.id)]).toEqual([t(10).toISOString(), t(20).toISOString()]);
    expect([await conn(c1.id), await conn(c2.id)]).toEqual([
      [t(30).toISOString(), k1.id],
      [t(40).toISOString(), k2.id],
    ]);
  });

  it("stamps service keys never backwards either (two instances' stamps may land out of order)", async () => {
    const { org } = await makeOrg(db);
    const { service } = await makeService(db, org);
    const { row } = await createServiceKey(db, { orgId: org.id, userId: null }, service, { name: "stamp test", permissions: ALL_PERMISSIONS });
    const at = async () => (await db.select().from(serviceApiKeys).where(eq(serviceApiKeys.id, row.id)))[0]?.lastUsedAt?.toISOString();
    await stampServiceApiKeysUsed(db, [{ id: row.id, at: t(50) }]);
    await stampServiceApiKeysUsed(db, [{ id: row.id, at: t(45) }]); // older: ignored
    expect(await at()).toBe(t(50).toISOString());
    await stampServiceApiKeysUsed(db, [{ id: row.id, at: t(60) }]);
    expect(await at()).toBe(t(60).toISOString());
  });

  it("a stamp queue lets one stamp per key through per interval", () => {
    const q = createStampQueue<{ id: string; at: Date }>("test stamp", async () => {}, 30_000);
    expect([q.due("a", 1_000), q.due("a", 30_999), q.due("b", 31_000), q.due("a", 31_000)]).toEqual([true, false, true, true]);
  });

  it("a batcher hands one window's items to one write, and flushWrites empties every batcher", async () => {
    const writes: number[][] = [];
    const batcher = createWriteBatcher<number>("test item", async (_db, items) => void writes.push([...items]));
    const done = [batcher.queue(db, 1), batcher.queue(db, 2), batcher.queue(db, 3)];
    await Promise.all(done);
    void batcher.queue(db, 4);
    await flushWrites();
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });
});
