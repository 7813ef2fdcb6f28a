import { describe, expect, it } from "vitest";
import { connections } from "@/db/schema";
import { makeOAuthConnection, makeUser, testDb } from "@/lib/testing/fixtures";
import { isUniqueViolation } from "./unique-violation";

describe("isUniqueViolation", () => {
  it("recognises a real duplicate-key error from the database in use, and nothing else", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    const row = await makeOAuthConnection(db, user.id, "google", { accountId: "same-account" });
    const duplicate = await db
      .insert(connections)
      .values({ ...row, id: `${row.id}x` })
      .then(() => undefined, (err: unknown) => err);
    expect(duplicate).toBeDefined();
    expect(isUniqueViolation(duplicate)).toBe(true);
    const otherFailure = await db.execute("select * from no_such_table").then(() => undefined, (err: unknown) => err);
    expect(isUniqueViolation(otherFailure)).toBe(false);
    expect(isUniqueViolation(new Error("23505"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
