/**
 * S20 (SECURITY-REVIEW.md): the operator can see which encryption key ids still seal secrets
 * (`akhrot encryption status`), and a secret sealed under a key id that is no longer configured
 * answers an actionable error instead of a generic 500. S21: the cron secret comparison.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { GET as cron } from "@/app/api/cron/refresh/route";
import { POST as fetchTokenRoute } from "@/app/tokens/fetch/route";
import { runCli } from "@/lib/cli/run-cli";
import { currentKeyId, safeEqual } from "@/lib/crypto";
import { resetEnvCache } from "@/lib/env";
import { makeKey, makeOAuthConnection, makeUser, request, testDb } from "@/lib/testing/fixtures";
import { captureLogs } from "@/lib/testing/capture-logs";

let db: Db;
const originalKey = process.env.AKHROT_ENCRYPTION_KEY;
beforeAll(async () => {
  db = await testDb();
});
afterAll(() => {
  process.env.AKHROT_ENCRYPTION_KEY = originalKey;
  for (const k of ["AKHROT_ENCRYPTION_KEYS_OLD", "CRON_SECRET"]) delete process.env[k];
  resetEnvCache();
});

async function status(): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCli(["encryption", "status"], { log: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, lines };
}

describe("S20: rotation operations", () => {
  it("S20: encryption status lists secrets per key id and flags one that is not configured; fetch says what to do", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    await makeOAuthConnection(db, user.id, "github");
    const oldId = currentKeyId();
    // The operator switched to a new key and dropped the old one too early.
    process.env.AKHROT_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    resetEnvCache();
    const newId = currentKeyId();
    const dropped = await status();
    expect(dropped.code).not.toBe(0);
    expect(dropped.lines).toContainEqual(expect.stringMatching(new RegExp(`^${oldId}\\s+\\d+\\s+NOT CONFIGURED`)));
    expect(dropped.lines).toContainEqual(expect.stringMatching(new RegExp(`^${newId}\\s+0\\s+current`)));
    expect(dropped.lines.at(-1)).toMatch(new RegExp(`key id\\(s\\) .*${oldId}.*AKHROT_ENCRYPTION_KEYS_OLD`));

    const logs = captureLogs();
    const res = await fetchTokenRoute(request("/tokens/fetch", { method: "POST", key, body: '{"provider":"github"}' }));
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect([res.status, body.error.code]).toEqual([500, "INTERNAL_ERROR"]);
    expect(body.error.message).toMatch(/encryption status/);
    logs.restore();
    expect(logs.entries()).toContainEqual(expect.objectContaining({ where: "crypto.missing-key", keyId: oldId }));

    // With the old key back among the old keys, the status says it still seals secrets.
    process.env.AKHROT_ENCRYPTION_KEYS_OLD = originalKey;
    resetEnvCache();
    const restored = await status();
    expect(restored.lines).toContainEqual(expect.stringMatching(new RegExp(`^${oldId}\\s+[1-9]\\d*\\s+old`)));
    // (A shared Postgres may hold other runs' rows under keys long gone; they are listed, ours is not among them.)
    expect(restored.lines.join("\n")).not.toMatch(new RegExp(`key id\\(s\\)[^\\n]*${oldId}`));
    if (restored.code === 0) expect(restored.lines.at(-1)).toMatch(/run `encryption rotate` before dropping/);
    expect((await fetchTokenRoute(request("/tokens/fetch", { method: "POST", key, body: '{"provider":"github"}' }))).status).toBe(200);
  });
});

describe("S21: the cron secret", () => {
  it("S21: compared as SHA-256 digests: any length is refused the same way, the right secret works", async () => {
    process.env.CRON_SECRET = "cron-secret-0123456789abcdef";
    resetEnvCache();
    for (const header of ["Bearer x", "Bearer cron-secret-0123456789abcdeX", `Bearer ${"y".repeat(5000)}`]) {
      expect((await cron(request("/api/cron/refresh", { headers: { authorization: header } }))).status).toBe(401);
    }
    expect((await cron(request("/api/cron/refresh", { headers: { authorization: "Bearer cron-secret-0123456789abcdef" } }))).status).toBe(200);
    expect([safeEqual("a", "a"), safeEqual("a", "ab"), safeEqual("", "")]).toEqual([true, false, true]);
  });
});
