import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { listConnectionsForUser } from "@/db/queries/connections";
import { connections, type Connection } from "@/db/schema";
import { openAccessToken, openFields, openRefreshToken } from "@/lib/connections/connection-secrets";
import { saveApiKeyConnection } from "@/lib/connections/save-api-key-connection";
import { resetEnvCache } from "@/lib/env";
import { getProvider } from "@/lib/providers";
import { makeKey, makeOAuthConnection, makeUser, testDb } from "@/lib/testing/fixtures";
import { callerFor as callerForDb, codeOf } from "@/lib/testing/trpc-caller";

let db: Db;
let revokeServer: Server;
/** What the local revoke endpoint answers, and the tokens it was sent. */
let revokeStatus = 200;
const revoked: string[] = [];
const ENV_KEYS = ["OAUTH_GOOGLE_CLIENT_ID", "OAUTH_GOOGLE_CLIENT_SECRET", "OAUTH_GOOGLE_REVOKE_URL", "OAUTH_SPOTIFY_CLIENT_ID", "OAUTH_SPOTIFY_CLIENT_SECRET"];

beforeAll(async () => {
  db = await testDb();
  revokeServer = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      revoked.push(new URLSearchParams(body).get("token") ?? "");
      res.writeHead(revokeStatus).end();
    });
  });
  await new Promise<void>((resolve) => revokeServer.listen(0, "127.0.0.1", resolve));
  const { port } = revokeServer.address() as AddressInfo;
  // Google with a local revoke endpoint; Spotify configured but without one (as in the catalog).
  Object.assign(process.env, {
    OAUTH_GOOGLE_CLIENT_ID: "test-client",
    OAUTH_GOOGLE_CLIENT_SECRET: "test-secret",
    OAUTH_GOOGLE_REVOKE_URL: `http://127.0.0.1:${port}/revoke`,
    OAUTH_SPOTIFY_CLIENT_ID: "test-client",
    OAUTH_SPOTIFY_CLIENT_SECRET: "test-secret",
  });
  resetEnvCache();
});

afterAll(async () => {
  for (const k of ENV_KEYS) delete process.env[k];
  resetEnvCache();
  await new Promise((resolve) => revokeServer.close(resolve));
});

const callerFor = (userId: string | null) => callerForDb(db, userId);


async function connectOpenAI(userId: string, apiKey: string): Promise<Connection> {
  const openai = getProvider("openai");
  if (openai?.authType !== "api_key") throw new Error("catalog: openai is not an api_key provider");
  const saved = await saveApiKeyConnection(db, { userId, provider: openai, values: { apiKey } });
  if (!saved.ok) throw new Error(`fixture: ${JSON.stringify(saved.errors)}`);
  return saved.connection;
}

async function rowById(id: string) {
  const [row] = await db.select().from(connections).where(eq(connections.id, id));
  return row;
}

describe("connections router", () => {
  it("refuses callers without a session", async () => {
    expect(await codeOf(callerFor(null).connections.list())).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(null).connections.disconnect({ id: "conn_x" }))).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(null).connections.setDefault({ id: "conn_x" }))).toBe("UNAUTHORIZED");
  });

  it("lists only the owner's connections, with the key that last used them and no secret", async () => {
    const user = await makeUser(db);
    const other = await makeUser(db);
    const { row: key } = await makeKey(db, user.id);
    const { row: othersKey } = await makeKey(db, other.id);
    const google = await makeOAuthConnection(db, user.id, "google", { label: "alice@example.com", scopes: ["openid", "email"], status: "needs_reauth" });
    const openaiKey = `sk-proj-${"a".repeat(40)}wxyz`;
    const openai = await connectOpenAI(user.id, openaiKey);
    const usedAt = new Date("2025-03-01T10:00:00Z");
    await db.update(connections).set({ lastUsedAt: usedAt, lastUsedKeyId: key.id }).where(eq(connections.id, openai.id));
    // A key id of another user must not surface its name.
    await db.update(connections).set({ lastUsedKeyId: othersKey.id }).where(eq(connections.id, google.id));
    await makeOAuthConnection(db, other.id, "github", { label: "bob" });

    const list = await callerFor(user.id).connections.list();
    expect(list.map((c) => c.provider)).toEqual(["google", "openai"]);
    expect(list[0]).toMatchObject({
      id: google.id,
      providerName: "Google",
      authType: "oauth2",
      accountLabel: "alice@example.com",
      scopes: ["openid", "email"],
      status: "needs_reauth",
      isDefault: false,
      connectedAt: google.createdAt,
      lastUsedBy: null,
    });
    expect(list[1]).toMatchObject({
      id: openai.id,
      providerName: "OpenAI",
      authType: "api_key",
      accountLabel: "OpenAI …wxyz",
      status: "active",
      lastUsedAt: usedAt,
      lastUsedBy: { id: key.id, name: "test key", masked: `akh_…${key.lastFour}` },
    });

    const json = JSON.stringify(list);
    const fullGoogle = await rowById(google.id);
    const fullOpenai = await rowById(openai.id);
    if (!fullGoogle || !fullOpenai) throw new Error("rows vanished");
    for (const secret of [openAccessToken(fullGoogle), openRefreshToken(fullGoogle), openFields(fullOpenai).apiKey, openaiKey, fullGoogle.accessTokenEnc, fullGoogle.refreshTokenEnc, fullOpenai.fieldsEnc]) {
      expect(secret).toBeTruthy();
      expect(json).not.toContain(secret);
    }
    for (const item of list) expect(Object.keys(item).filter((k) => /enc|token|secret|hash/i.test(k))).toEqual([]);
    expect(json).not.toContain(othersKey.id);
  });

  it.each([
    ["the provider confirms the revocation", "google", 200, "revoked"],
    ["the provider's revoke endpoint fails", "google", 503, "failed"],
    ["the provider has no revoke endpoint", "spotify", 200, "unsupported"],
  ] as const)("disconnect deletes the row and reports it when %s", async (_, provider, status, revocation) => {
    const user = await makeUser(db);
    const conn = await makeOAuthConnection(db, user.id, provider, { label: "me" });
    const refreshToken = openRefreshToken(conn);
    revokeStatus = status;
    revoked.length = 0;
    const result = await callerFor(user.id).connections.disconnect({ id: conn.id });
    expect(result).toEqual({ deleted: true, provider, providerName: getProvider(provider)?.name, revocation });
    expect(await rowById(conn.id)).toBeUndefined();
    // The refresh token (which ends the whole grant) is what is revoked; Spotify is never called.
    expect(revoked).toEqual(provider === "google" ? [refreshToken] : []);
  });

  it("disconnects an API-key connection without calling anyone", async () => {
    const user = await makeUser(db);
    const conn = await connectOpenAI(user.id, `sk-proj-${"b".repeat(40)}`);
    revoked.length = 0;
    expect(await callerFor(user.id).connections.disconnect({ id: conn.id })).toEqual({ deleted: true, provider: "openai", providerName: "OpenAI", revocation: "not_applicable" });
    expect(revoked).toEqual([]);
    expect(await callerFor(user.id).connections.list()).toEqual([]);
  });

  it("will not disconnect or set default on another user's connection", async () => {
    const owner = await makeUser(db);
    const intruder = await makeUser(db);
    const conn = await makeOAuthConnection(db, owner.id, "google", { label: "owner@example.com" });
    revoked.length = 0;
    expect(await codeOf(callerFor(intruder.id).connections.disconnect({ id: conn.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(intruder.id).connections.setDefault({ id: conn.id }))).toBe("NOT_FOUND");
    expect(revoked).toEqual([]); // the owner's grant was not revoked either
    expect(await rowById(conn.id)).toMatchObject({ id: conn.id, userId: owner.id, isDefault: false, accessTokenEnc: conn.accessTokenEnc });
    expect(await codeOf(callerFor(owner.id).connections.disconnect({ id: "conn_missing" }))).toBe("NOT_FOUND");
  });

  it("setDefault flips exactly one account of that provider and steers token fetch", async () => {
    const user = await makeUser(db);
    const other = await makeUser(db);
    const [a, b, c] = [
      await makeOAuthConnection(db, user.id, "google", { label: "a@example.com" }),
      await makeOAuthConnection(db, user.id, "google", { label: "b@example.com" }),
      await makeOAuthConnection(db, user.id, "google", { label: "c@example.com" }),
    ];
    const gh = await makeOAuthConnection(db, user.id, "github", { label: "octo" });
    const othersGoogle = await makeOAuthConnection(db, other.id, "google", { label: "z@example.com" });
    await db.update(connections).set({ isDefault: true }).where(eq(connections.id, gh.id));
    await db.update(connections).set({ isDefault: true }).where(eq(connections.id, othersGoogle.id));
    const api = callerFor(user.id);
    const defaults = async () => Object.fromEntries((await api.connections.list()).map((x) => [x.accountLabel, x.isDefault]));

    expect(await api.connections.setDefault({ id: a.id })).toEqual({ id: a.id, provider: "google" });
    expect(await defaults()).toEqual({ "a@example.com": true, "b@example.com": false, "c@example.com": false, octo: true });
    expect((await listConnectionsForUser(db, user.id, "google"))[0]?.id).toBe(a.id);

    await api.connections.setDefault({ id: b.id });
    expect(await defaults()).toEqual({ "a@example.com": false, "b@example.com": true, "c@example.com": false, octo: true });
    expect((await listConnectionsForUser(db, user.id, "google"))[0]?.id).toBe(b.id);
    // Listed default first within the provider.
    expect((await api.connections.list()).filter((x) => x.provider === "google").map((x) => x.id)).toEqual([b.id, c.id, a.id]);
    // Another user's flags are untouched.
    expect((await rowById(othersGoogle.id))?.isDefault).toBe(true);
  });

  it("refuses malformed ids", async () => {
    const user = await makeUser(db);
    expect(await codeOf(callerFor(user.id).connections.disconnect({ id: "" }))).toBe("BAD_REQUEST");
    expect(await codeOf(callerFor(user.id).connections.setDefault({ id: "x".repeat(65) }))).toBe("BAD_REQUEST");
  });
});
