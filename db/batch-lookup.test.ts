/**
 * The per-turn batched reads of the hot paths (db/batch-lookup.ts): lookups asked in one turn go
 * as one statement, and every caller gets exactly its own rows — checked against the unbatched
 * queries on the real test database, with users, services and orgs mixed in one batch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { createBatchLookup, MAX_KEYS } from "@/db/batch-lookup";
import { findApiKeyByHash } from "@/db/queries/api-keys";
import { listConnectionsForUser, listProviderConnections } from "@/db/queries/connections";
import { findServiceApiKeyByHash } from "@/db/queries/service-keys";
import { loadProviderTokenState } from "@/db/queries/provider-tokens";
import { endUsers, serviceEndUsers, serviceGrants, serviceProviders } from "@/db/schema";
import { randomId, sha256Hex } from "@/lib/crypto";
import { makeKey, makeOAuthConnection, makeUser, testDb } from "@/lib/testing/fixtures";
import { makeServiceSetup } from "@/lib/testing/org-fixtures";
import { closeDb } from "@/db";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await closeDb();
});

/** A stand-in statement: answers each key `{ i, k }` it is sent with `answer(k, i)`, and records what it was sent. */
function statement<Row extends { i: number }>(answer: (k: number, i: number) => Row[]) {
  const calls: { i: number; k: number }[][] = [];
  let prepared = 0;
  const prepare = () => {
    prepared += 1;
    return {
      async execute({ keys }: { keys: string }) {
        const sent = JSON.parse(keys) as { i: number; k: number }[];
        calls.push(sent);
        return sent.flatMap(({ i, k }) => answer(k, i));
      },
    };
  };
  return { prepare, calls, prepared: () => prepared };
}

describe("createBatchLookup", () => {
  it("sends every key asked in one turn as one call, and each caller gets its own rows", async () => {
    const s = statement((k, i) => (k % 3 === 0 ? [] : [{ i, v: `${k}a` }, { i, v: `${k}b` }]));
    const lookup = createBatchLookup(s.prepare, (k: number) => ({ k }));
    const answers = await Promise.all([1, 2, 3, 4].map((k) => lookup(db, k)));
    expect(s.calls).toEqual([[{ i: 0, k: 1 }, { i: 1, k: 2 }, { i: 2, k: 3 }, { i: 3, k: 4 }]]);
    expect(answers).toEqual([[{ v: "1a" }, { v: "1b" }], [{ v: "2a" }, { v: "2b" }], [], [{ v: "4a" }, { v: "4b" }]]);
    // A later turn is a new batch, on the statement prepared once for this handle.
    expect(await lookup(db, 5)).toEqual([{ v: "5a" }, { v: "5b" }]);
    expect(s.calls.map((c) => c.map((k) => k.k))).toEqual([[1, 2, 3, 4], [5]]);
    expect(s.prepared()).toBe(1);
  });

  it("maps rows back by the index the statement names, whatever order they come in", async () => {
    const s = statement((k, i) => [{ i: 3 - i, v: k }]);
    const lookup = createBatchLookup(s.prepare, (k: number) => ({ k }));
    expect(await Promise.all([10, 20, 30, 40].map((k) => lookup(db, k)))).toEqual([[{ v: 40 }], [{ v: 30 }], [{ v: 20 }], [{ v: 10 }]]);
  });

  it(`splits more than ${MAX_KEYS} keys into several statements`, async () => {
    const s = statement((k, i) => [{ i, v: k * 2 }]);
    const lookup = createBatchLookup(s.prepare, (k: number) => ({ k }));
    const keys = Array.from({ length: MAX_KEYS * 2 + 5 }, (_, k) => k);
    expect(await Promise.all(keys.map((k) => lookup(db, k)))).toEqual(keys.map((k) => [{ v: k * 2 }]));
    expect(s.calls.map((c) => c.length)).toEqual([MAX_KEYS, MAX_KEYS, 5]);
  });

  it("a failed statement fails each caller of its batch, and the next batch runs", async () => {
    let fail = true;
    const s = statement((k, i) => {
      if (fail) throw new Error("database went away");
      return [{ i, v: k }];
    });
    const lookup = createBatchLookup(s.prepare, (k: number) => ({ k }));
    const settled = await Promise.allSettled([lookup(db, 1), lookup(db, 2)]);
    expect(settled.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await lookup(db, 3)).toEqual([{ v: 3 }]);
  });
});

describe("the token-fetch lookup, batched", () => {
  it("answers many users' asks in one turn exactly as the unbatched query does, never another user's rows", async () => {
    const users = await Promise.all(Array.from({ length: 8 }, () => makeUser(db)));
    for (const [n, user] of users.entries()) {
      // Some users have two google accounts, some a github one, one has none.
      if (n === 7) continue;
      await makeOAuthConnection(db, user.id, "google", { accountId: `g-${n}-1` });
      if (n % 2 === 0) await makeOAuthConnection(db, user.id, "google", { accountId: `g-${n}-2` });
      if (n % 3 === 0) await makeOAuthConnection(db, user.id, "github", { accountId: `gh-${n}` });
    }
    const asks = users.flatMap((u) => ["google", "github", "slack"].map((provider) => ({ userId: u.id, provider })));
    const batched = await Promise.all(asks.map((a) => listProviderConnections(db, a.userId, a.provider)));
    for (const [n, a] of asks.entries()) {
      const expected = await listConnectionsForUser(db, a.userId, a.provider);
      expect(batched[n]?.map((c) => c.id)).toEqual(expected.map((c) => c.id));
      expect(batched[n]).toEqual(expected);
      for (const row of batched[n] ?? []) expect([row.userId, row.provider]).toEqual([a.userId, a.provider]);
    }
    expect(batched.some((rows) => rows.length === 2)).toBe(true);
    expect(batched.some((rows) => rows.length === 0)).toBe(true);
  });
});

describe("the key lookups, batched", () => {
  it("finds each digest's own key and owner in one turn; an unknown digest finds nothing", async () => {
    const users = await Promise.all([makeUser(db), makeUser(db), makeUser(db)]);
    const keys = await Promise.all(users.map((u) => makeKey(db, u.id)));
    const digests = [...keys.map((k) => sha256Hex(k.key)), sha256Hex("akh_unknown")];
    const found = await Promise.all(digests.map((d) => findApiKeyByHash(db, d)));
    expect(found.map((f) => f?.key.id)).toEqual([...keys.map((k) => k.row.id), undefined]);
    expect(found.map((f) => f?.email)).toEqual([...users.map((u) => u.email), undefined]);
  });

  it("finds each service key's own service and org in one turn", async () => {
    const [a, b] = await Promise.all([makeServiceSetup(db), makeServiceSetup(db)]);
    const found = await Promise.all([a, b].map((s) => findServiceApiKeyByHash(db, sha256Hex(s.key))));
    expect(found.map((f) => [f?.service.id, f?.service.orgId, f?.orgStatus])).toEqual([
      [a.service.id, a.org.id, "active"],
      [b.service.id, b.org.id, "active"],
    ]);
  });
});

describe("the provider-token decision lookup, batched", () => {
  it("keeps services, end users and orgs apart inside one statement", async () => {
    const a = await makeServiceSetup(db);
    const b = await makeServiceSetup(db);
    const endUser = async (orgId: string, serviceId: string) => {
      const id = randomId("eu");
      await db.insert(endUsers).values({ id, orgId, email: `${id}@example.test` });
      await db.insert(serviceEndUsers).values({ serviceId, endUserId: id });
      return id;
    };
    for (const s of [a, b]) await db.insert(serviceProviders).values({ serviceId: s.service.id, provider: "google", enabled: true, scopes: ["openid"] });
    const alice = await endUser(a.org.id, a.service.id);
    const bob = await endUser(b.org.id, b.service.id);
    const { connections } = await import("@/db/schema");
    const conn = async (endUserId: string) => {
      const id = randomId("conn");
      await db.insert(connections).values({ id, endUserId, provider: "google", authType: "oauth2", accountId: id, scopes: ["openid"] });
      return id;
    };
    const aliceConn = await conn(alice);
    const bobConn = await conn(bob);
    await db.insert(serviceGrants).values({ id: randomId("grant"), endUserId: alice, serviceId: a.service.id, connectionId: aliceConn, provider: "google", scopes: ["openid"] });

    const [aliceAtA, bobAtB, bobAtA, aliceAtB, aliceGithub] = await Promise.all([
      loadProviderTokenState(db, a.service.id, alice, "google"),
      loadProviderTokenState(db, b.service.id, bob, "google"),
      loadProviderTokenState(db, a.service.id, bob, "google"),
      loadProviderTokenState(db, b.service.id, alice, "google"),
      loadProviderTokenState(db, a.service.id, alice, "github"),
    ]);
    expect(aliceAtA?.config?.serviceId).toBe(a.service.id);
    expect(aliceAtA?.candidates.map((c) => [c.connection.id, c.grant?.serviceId])).toEqual([[aliceConn, a.service.id]]);
    // Bob is linked to B with a connection but no grant of B.
    expect(bobAtB?.candidates.map((c) => [c.connection.id, c.grant])).toEqual([[bobConn, null]]);
    // Not linked: the same nothing an unknown id gets, though the other ask in the batch had rows.
    expect(bobAtA).toBeUndefined();
    expect(aliceAtB).toBeUndefined();
    expect(aliceGithub).toEqual({ config: null, candidates: [] });
  });
});
