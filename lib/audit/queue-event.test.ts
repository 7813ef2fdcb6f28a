import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import * as auditQueries from "@/db/queries/audit";
import { auditEvents } from "@/db/schema";
import { makeKey, makeUser, testDb } from "@/lib/testing/fixtures";
import { flushWrites, MAX_BATCH } from "@/db/write-batcher";
import { queueEvent } from "./queue-event";
import { captureLogs } from "@/lib/testing/capture-logs";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

const rowsOf = (userId: string) => db.select().from(auditEvents).where(and(eq(auditEvents.userId, userId), eq(auditEvents.action, "token.fetch"))).orderBy(auditEvents.id);

describe("batched activity rows (token-fetch hot path)", () => {
  it("rows queued together land in one INSERT, in order, with every field and secrets scrubbed", async () => {
    const user = await makeUser(db);
    const { row: key } = await makeKey(db, user.id);
    const insert = vi.spyOn(auditQueries, "insertAuditEvents");
    const at = new Date("2026-01-02T03:04:05.678Z");
    const done = [
      queueEvent(db, { userId: user.id, apiKeyId: key.id, action: "token.fetch", provider: "google", connectionId: "conn_1", outcome: "success", detail: {} }),
      queueEvent(db, { userId: user.id, apiKeyId: key.id, action: "token.fetch", provider: "openai", outcome: "failure", detail: { error: "TOKEN_EXPIRED", accessToken: "secret-canary", nested: { ok: true } }, createdAt: at }),
      queueEvent(db, { userId: user.id, action: "token.fetch", detail: {} }),
    ];
    await Promise.all(done);
    expect(insert).toHaveBeenCalledTimes(1);
    insert.mockRestore();
    const rows = await rowsOf(user.id);
    expect(rows.map((r) => [r.provider, r.outcome, r.apiKeyId, r.connectionId])).toEqual([
      ["google", "success", key.id, "conn_1"],
      ["openai", "failure", key.id, null],
      [null, "success", null, null],
    ]);
    expect(rows[1]?.detail).toEqual({ error: "TOKEN_EXPIRED", nested: { ok: true } });
    expect(rows[1]?.createdAt.toISOString()).toBe(at.toISOString());
    expect(JSON.stringify(rows)).not.toContain("secret-canary");
  });

  it("identical events of one window are one row with their count and the first one's time; any difference keeps rows apart", async () => {
    const user = await makeUser(db);
    const { row: key } = await makeKey(db, user.id);
    const { row: other } = await makeKey(db, user.id);
    const first = new Date("2026-01-02T03:04:05.000Z");
    const fetch = { userId: user.id, apiKeyId: key.id, action: "token.fetch", provider: "github", connectionId: "conn_1", outcome: "success" as const };
    await Promise.all([
      queueEvent(db, { ...fetch, detail: { channel: "mcp" }, createdAt: first }),
      ...Array.from({ length: 40 }, (_, i) => queueEvent(db, { ...fetch, detail: { channel: "mcp" }, createdAt: new Date(first.getTime() + i + 1) })),
      queueEvent(db, { ...fetch, detail: { channel: "rest" } }),
      queueEvent(db, { ...fetch, apiKeyId: other.id, detail: { channel: "mcp" } }),
      queueEvent(db, { ...fetch, connectionId: "conn_2", detail: { channel: "mcp" } }),
      queueEvent(db, { ...fetch, outcome: "failure", detail: { channel: "mcp" } }),
      // A secret-looking key is scrubbed before the comparison: these two are the same event.
      queueEvent(db, { ...fetch, provider: "slack", detail: { accessToken: "secret-canary" } }),
      queueEvent(db, { ...fetch, provider: "slack", detail: {} }),
    ]);
    const rows = await rowsOf(user.id);
    expect(rows.map((r) => [r.apiKeyId === key.id ? "key" : "other", r.provider, r.connectionId, r.outcome, r.detail, r.count])).toEqual([
      ["key", "github", "conn_1", "success", { channel: "mcp" }, 41],
      ["key", "github", "conn_1", "success", { channel: "rest" }, 1],
      ["other", "github", "conn_1", "success", { channel: "mcp" }, 1],
      ["key", "github", "conn_2", "success", { channel: "mcp" }, 1],
      ["key", "github", "conn_1", "failure", { channel: "mcp" }, 1],
      ["key", "slack", "conn_1", "success", {}, 2],
    ]);
    expect(rows[0]?.createdAt.toISOString()).toBe(first.toISOString());
    expect(JSON.stringify(rows)).not.toContain("secret-canary");
  });

  it("events of different windows stay separate rows", async () => {
    const user = await makeUser(db);
    await queueEvent(db, { userId: user.id, action: "token.fetch", detail: {} });
    await queueEvent(db, { userId: user.id, action: "token.fetch", detail: {} });
    expect((await rowsOf(user.id)).map((r) => r.count)).toEqual([1, 1]);
  });

  it("a full batch is written at once, without waiting for the window", async () => {
    const user = await makeUser(db);
    const done = Array.from({ length: MAX_BATCH }, (_, i) => queueEvent(db, { userId: user.id, action: "token.fetch", detail: { i } }));
    const started = Date.now();
    await done[MAX_BATCH - 1];
    expect((await rowsOf(user.id)).map((r) => r.detail.i)).toEqual(Array.from({ length: MAX_BATCH }, (_, i) => i));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a failed batch is logged without its contents and never rejects the callers", async () => {
    const failing = vi.spyOn(auditQueries, "insertAuditEvents").mockRejectedValueOnce(Object.assign(new Error("connection refused to postgres://u:pw@h/db"), { name: "PostgresError" }));
    const logs = captureLogs();
    const user = await makeUser(db);
    await expect(queueEvent(db, { userId: user.id, action: "token.fetch", detail: {} })).resolves.toBeUndefined();
    failing.mockRestore();
    logs.restore();
    expect(logs.entries()).toEqual([expect.objectContaining({ level: "error", where: "write-batch", what: "activity row", rows: 1, error: expect.objectContaining({ name: "PostgresError" }) })]);
    // The password in the driver's message is masked on its way out.
    expect(logs.text()).not.toContain(":pw@");
    // The next batch is a fresh one and lands.
    await queueEvent(db, { userId: user.id, action: "token.fetch", detail: {} });
    expect(await rowsOf(user.id)).toHaveLength(1);
  });

  it("flushWrites writes what is queued now", async () => {
    const user = await makeUser(db);
    void queueEvent(db, { userId: user.id, action: "token.fetch", detail: {} });
    await flushWrites();
    expect(await rowsOf(user.id)).toHaveLength(1);
  });
});
