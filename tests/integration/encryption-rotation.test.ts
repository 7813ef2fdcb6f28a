/**
 * `akhrot encryption rotate`: every secret moves to the new key while fetches keep working;
 * afterwards the old key can be dropped.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { connections } from "@/db/schema";
import { POST as fetchTokenRoute } from "@/app/tokens/fetch/route";
import { saveApiKeyConnection } from "@/lib/connections/save-api-key-connection";
import { rotateEncryption } from "@/lib/connections/rotate-encryption";
import { ciphertextKeyId, currentKeyId } from "@/lib/crypto";
import { resetEnvCache } from "@/lib/env";
import { getProvider, type ApiKeyProvider } from "@/lib/providers";
import { makeKey, makeOAuthConnection, makeUser, request, testDb } from "@/lib/testing/fixtures";

let db: Db;
const originalKey = process.env.AKHROT_ENCRYPTION_KEY;
beforeAll(async () => {
  db = await testDb();
});
afterAll(() => {
  process.env.AKHROT_ENCRYPTION_KEY = originalKey;
  delete process.env.AKHROT_ENCRYPTION_KEYS_OLD;
  resetEnvCache();
});

describe("encryption key rotation", () => {
  it("re-encrypts everything under the new key while fetches keep working", async () => {
    const user = await makeUser(db);
    const { key } = await makeKey(db, user.id);
    await makeOAuthConnection(db, user.id, "github", { label: "octo" });
    const openai = getProvider("openai") as ApiKeyProvider;
    const saved = await saveApiKeyConnection(db, { userId: user.id, provider: openai, values: { apiKey: "sk-proj-rotationTestKey0000000000000" } });
    expect(saved.ok).toBe(true);
    const fetchBoth = async () =>
      Promise.all(
        ["github", "openai"].map(async (provider) => (await fetchTokenRoute(request("/tokens/fetch", { method: "POST", key, body: JSON.stringify({ provider }) }))).status),
      );
    expect(await fetchBoth()).toEqual([200, 200]);

    const oldKey = process.env.AKHROT_ENCRYPTION_KEY ?? "";
    process.env.AKHROT_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    process.env.AKHROT_ENCRYPTION_KEYS_OLD = oldKey;
    resetEnvCache();
    // Serving continues during the rotation.
    const [rotation, during] = await Promise.all([rotateEncryption(db, 1), Promise.all(Array.from({ length: 5 }, fetchBoth))]);
    expect(during.flat().every((s) => s === 200)).toBe(true);
    expect(rotation.connections).toBeGreaterThanOrEqual(2);

    const rows = await db.select().from(connections).where(eq(connections.userId, user.id));
    for (const r of rows) for (const box of [r.accessTokenEnc, r.refreshTokenEnc, r.fieldsEnc]) if (box) expect(ciphertextKeyId(box)).toBe(currentKeyId());

    delete process.env.AKHROT_ENCRYPTION_KEYS_OLD;
    resetEnvCache();
    expect(await fetchBoth()).toEqual([200, 200]);
    expect((await rotateEncryption(db)).connections).toBe(0);
  });
});

describe("rotation with an unreadable row", () => {
  it("skips and counts a row no key opens, and rotates the rest", async () => {
    const user = await makeUser(db);
    const good = await makeOAuthConnection(db, user.id, "github");
    const bad = await makeOAuthConnection(db, user.id, "gitlab");
    await db.update(connections).set({ accessTokenEnc: `${bad.accessTokenEnc?.slice(0, -4)}AAAA` }).where(eq(connections.id, bad.id));
    process.env.AKHROT_ENCRYPTION_KEYS_OLD = process.env.AKHROT_ENCRYPTION_KEY;
    process.env.AKHROT_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    resetEnvCache();
    const result = await rotateEncryption(db);
    expect(result.unreadable).toBeGreaterThanOrEqual(1);
    const [row] = await db.select().from(connections).where(eq(connections.id, good.id));
    expect(row?.accessTokenEnc && ciphertextKeyId(row.accessTokenEnc)).toBe(currentKeyId());
  });
});
