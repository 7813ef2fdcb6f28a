import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { apiKeys, users } from "@/db/schema";
import { authenticateApiKey } from "@/lib/api-keys";
import { makeUser, testDb } from "@/lib/testing/fixtures";
import { callerFor as callerForDb, codeOf } from "@/lib/testing/trpc-caller";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

const callerFor = (userId: string | null) => callerForDb(db, userId);


describe("apiKeys router", () => {
  it("refuses callers without a session, or whose user is gone", async () => {
    expect(await codeOf(callerFor(null).apiKeys.list())).toBe("UNAUTHORIZED");
    const gone = await makeUser(db);
    await db.delete(users).where(eq(users.id, gone.id));
    expect(await codeOf(callerFor(gone.id).apiKeys.create({ name: "x" }))).toBe("UNAUTHORIZED");
  });

  it("creates a working key, returns it once, and lists only the masked form", async () => {
    const user = await makeUser(db);
    const api = callerFor(user.id);
    const created = await api.apiKeys.create({ name: "  laptop  ", expiry: "30d", providers: ["github", "openai", "github"] });
    expect(created.key).toMatch(/^akh_[0-9A-Za-z]{49}$/);
    expect(created.name).toBe("laptop");
    expect(created.providers).toEqual(["github", "openai"]);
    const days = ((created.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const list = await api.apiKeys.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: "laptop", masked: `akh_…${created.key.slice(-4)}`, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(created.key);
    expect(Object.keys(list[0] ?? {})).not.toContain("keyHash");

    const authed = await authenticateApiKey(db, `Bearer ${created.key}`);
    expect(authed.userId).toBe(user.id);
  });

  it.each([
    ["an empty name", { name: "   " }],
    ["a name over 80 characters", { name: "x".repeat(81) }],
    ["an unknown provider", { name: "k", providers: ["google", "myspace"] }],
    ["an expiry in the past", { name: "k", expiry: new Date(Date.now() - 1000) }],
    ["an expiry more than 5 years ahead", { name: "k", expiry: new Date(Date.now() + 6 * 365 * 86_400_000) }],
  ])("refuses %s", async (_, input) => {
    const user = await makeUser(db);
    expect(await codeOf(callerFor(user.id).apiKeys.create(input))).toBe("BAD_REQUEST");
    expect(await db.select().from(apiKeys).where(eq(apiKeys.userId, user.id))).toHaveLength(0);
  });

  it("keeps a custom expiry date and 'never'", async () => {
    const user = await makeUser(db);
    const when = new Date(Date.now() + 10 * 86_400_000);
    expect((await callerFor(user.id).apiKeys.create({ name: "dated", expiry: when })).expiresAt?.getTime()).toBe(when.getTime());
    expect((await callerFor(user.id).apiKeys.create({ name: "forever", expiry: "never" })).expiresAt).toBeNull();
  });

  it("turns MCP credential reveal on and off for the owner's key only (off by default)", async () => {
    const owner = await makeUser(db);
    const other = await makeUser(db);
    const created = await callerFor(owner.id).apiKeys.create({ name: "mcp" });
    expect((await callerFor(owner.id).apiKeys.list())[0]?.mcpRevealCredentials).toBe(false);
    expect((await authenticateApiKey(db, `Bearer ${created.key}`)).mcpRevealCredentials).toBe(false);

    expect(await codeOf(callerFor(other.id).apiKeys.setMcpReveal({ id: created.id, enabled: true }))).toBe("NOT_FOUND");
    expect(await callerFor(owner.id).apiKeys.setMcpReveal({ id: created.id, enabled: true })).toEqual({ id: created.id, mcpRevealCredentials: true });
    // The key cache was dropped: the next authentication sees the change at once.
    expect((await authenticateApiKey(db, `Bearer ${created.key}`)).mcpRevealCredentials).toBe(true);
    await callerFor(owner.id).apiKeys.setMcpReveal({ id: created.id, enabled: false });
    expect((await authenticateApiKey(db, `Bearer ${created.key}`)).mcpRevealCredentials).toBe(false);
  });

  it("revokes only the owner's key, once", async () => {
    const owner = await makeUser(db);
    const other = await makeUser(db);
    const { id, key } = await callerFor(owner.id).apiKeys.create({ name: "mine" });

    expect(await codeOf(callerFor(other.id).apiKeys.revoke({ id }))).toBe("NOT_FOUND");
    await expect(authenticateApiKey(db, `Bearer ${key}`)).resolves.toMatchObject({ id });

    const revoked = await callerFor(owner.id).apiKeys.revoke({ id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(authenticateApiKey(db, `Bearer ${key}`)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await codeOf(callerFor(owner.id).apiKeys.revoke({ id }))).toBe("NOT_FOUND");
    expect((await callerFor(owner.id).apiKeys.list())[0]?.revokedAt).toBeInstanceOf(Date);
  });
});
