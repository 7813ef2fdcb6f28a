/**
 * The compiled row mapper (db/row-mapper.ts) against drizzle's own mapping: the same select
 * prepared twice on the real test database, once as drizzle maps it and once with the compiled
 * mapper, must give deep-equal rows — nested table rows with dates, arrays and jsonb, an SQL
 * field with its own decoder, and a left join that finds nothing (the object is null).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { closeDb, type Db } from "@/db";
import { withCompiledRows } from "@/db/row-mapper";
import { apiKeys, connections, users } from "@/db/schema";
import { makeKey, makeOAuthConnection, makeUser, testDb } from "@/lib/testing/fixtures";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await closeDb();
});

function select(db: Db) {
  return db
    .select({ n: sql<number>`41 + 1`.mapWith(Number), user: users, email: users.email, connection: connections, key: { id: apiKeys.id, createdAt: apiKeys.createdAt } })
    .from(users)
    .leftJoin(connections, and(eq(connections.userId, users.id), eq(connections.provider, sql.placeholder("provider"))))
    .leftJoin(apiKeys, eq(apiKeys.userId, users.id))
    .where(eq(users.id, sql.placeholder("user")))
    .orderBy(connections.createdAt);
}

describe("withCompiledRows", () => {
  it("maps rows exactly as drizzle does, left-join misses included", async () => {
    const withAll = await makeUser(db);
    await makeKey(db, withAll.id);
    await makeOAuthConnection(db, withAll.id, "google", { scopes: ["a", "b"], expiresAt: new Date("2030-01-02T03:04:05.678Z") });
    await makeOAuthConnection(db, withAll.id, "google", { label: "second" });
    const bare = await makeUser(db);

    const plain = select(db).prepare("row_mapper_test_plain");
    const compiled = withCompiledRows(select(db).prepare("row_mapper_test_compiled"));
    expect((compiled as unknown as { customResultMapper?: unknown }).customResultMapper).toBeTypeOf("function");

    for (const [user, provider] of [
      [withAll.id, "google"],
      [withAll.id, "github"],
      [bare.id, "google"],
    ] as const) {
      const expected = await plain.execute({ user, provider });
      const got = await compiled.execute({ user, provider });
      expect(got).toEqual(expected);
      expect(got.length).toBeGreaterThan(0);
    }
    const [miss] = await compiled.execute({ user: bare.id, provider: "google" });
    expect(miss?.connection).toBeNull();
    expect(miss?.key).toBeNull();
    expect(miss?.n).toBe(42);
    const hits = await compiled.execute({ user: withAll.id, provider: "google" });
    expect(hits.map((r) => r.connection?.scopes)).toContainEqual(["a", "b"]);
    expect(hits.find((r) => r.connection?.expiresAt)?.connection?.expiresAt).toEqual(new Date("2030-01-02T03:04:05.678Z"));
  });

  it("leaves a statement without a selection (or already mapped) alone", () => {
    const raw = { fields: undefined };
    expect(withCompiledRows(raw)).toBe(raw);
    const mapped = { fields: [], customResultMapper: () => [] };
    const mapper = mapped.customResultMapper;
    withCompiledRows(mapped);
    expect(mapped.customResultMapper).toBe(mapper);
  });
});
