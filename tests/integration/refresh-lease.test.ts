/**
 * S4 (SECURITY-REVIEW.md): the refresh lease is fenced. Against the real local OAuth server
 * with strict rotation and reuse detection (oidc-provider revokes the whole grant when a
 * consumed refresh token comes back), so a lost rotated token or a second use of a consumed
 * one shows up as a dead connection. A database handle whose token saves can be held back or
 * failed plays the stalled or broken instance; the lease is shortened so it lapses in a test.
 */
import { eq } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { findConnectionById, updateConnection } from "@/db/queries/connections";
import { connections, type Connection } from "@/db/schema";
import { openAccessToken, openRefreshToken, seal } from "@/lib/connections/connection-secrets";
import { getProvider, type OAuthProvider } from "@/lib/providers";
import { connect, fetchToken, newAgent, startGoogleIdp, type Agent } from "@/lib/testing/agent-flow";
import { testDb } from "@/lib/testing/fixtures";
import type { OidcServer } from "@/lib/testing/oidc-server";
import { ensureFreshToken } from "@/lib/tokens/ensure-fresh-token";
import { captureLogs } from "@/lib/testing/capture-logs";

let db: Db;
let idp: OidcServer;
let google: OAuthProvider;
beforeAll(async () => {
  db = await testDb();
  idp = await startGoogleIdp();
  const p = getProvider("google");
  if (p?.authType !== "oauth2") throw new Error("catalog: google");
  google = p;
});
afterAll(async () => {
  await idp?.stop();
});
beforeEach(() => {
  idp.setTokenEndpointFault(null);
  idp.resetCounts();
});

const LEASE_MS = 3_000;

/** Every awaited step of a drizzle builder chain runs `gate()` before (or after) the query. */
function deferred<T extends object>(q: T, gate: () => Promise<void>, after: boolean): T {
  return new Proxy(q, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === "then") {
        const run = () => (target as unknown as PromiseLike<unknown>).then((v) => v);
        return (ok: (v: unknown) => unknown, bad: (e: unknown) => unknown) =>
          (after ? run().then(async (v) => (await gate(), v)) : gate().then(run)).then(ok, bad);
      }
      return typeof value === "function" ? (...args: unknown[]) => deferred((value as (...a: unknown[]) => object).apply(target, args), gate, after) : value;
    },
  });
}

const writesTokens = (v: Partial<Connection>) => "accessTokenEnc" in v;
const takesLease = (v: Partial<Connection>) => typeof v.refreshLeaseOwner === "string";

/**
 * `db`, except that the first UPDATE whose values match goes through `gate`: held back (or
 * failed) before it runs, or its answer held back after it ran.
 */
function gatedDb(gate: () => Promise<void>, opts: { match?: (v: Partial<Connection>) => boolean; after?: boolean } = {}): Db {
  let used = false;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "update") return Reflect.get(target, prop, receiver) as unknown;
      return (table: typeof connections) => {
        const builder = target.update(table);
        return {
          set(values: Partial<Connection>) {
            const query = builder.set(values);
            if (used || !(opts.match ?? writesTokens)(values)) return query;
            used = true;
            return deferred(query, gate, opts.after ?? false);
          },
        };
      };
    },
  });
}

async function connectedAndExpired(): Promise<{ agent: Agent; row: Connection }> {
  const agent = await newAgent(db);
  await connect(agent);
  const connId = String((await fetchToken(agent)).body.connectionId);
  await db.update(connections).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connections.id, connId));
  const row = await findConnectionById(db, connId);
  if (!row) throw new Error("setup");
  return { agent, row };
}

const row = async (id: string) => {
  const r = await findConnectionById(db, id);
  if (!r) throw new Error("row gone");
  return r;
};

/** The stored refresh token is the provider's newest: another refresh through the app works. */
async function nextRefreshWorks(agent: Agent, id: string) {
  await db.update(connections).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connections.id, id));
  const grants = idp.counts.refreshGrants;
  const next = await fetchToken(agent);
  expect(next.status).toBe(200);
  expect(idp.counts.refreshGrants).toBe(grants + 1);
  expect(await idp.accessTokenWorks(String(next.body.accessToken))).toBe(true);
  expect((await fetchToken(agent)).status).toBe(200);
}

describe("S4: the refresh lease is fenced", () => {
  it("S4: a stalled save past the lease loses no rotated token", async () => {
    const { agent, row: before } = await connectedAndExpired();
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    // Instance A: the provider answers (rotating the refresh token), then A's save stalls.
    const a = ensureFreshToken(gatedDb(() => held), google, before, { coalesce: false, leaseMs: LEASE_MS });
    await vi.waitFor(() => expect(idp.counts.refreshGrants).toBe(1), { timeout: 20_000 });
    const ownerA = (await row(before.id)).refreshLeaseOwner;
    expect(ownerA).toBeTruthy();
    await vi.waitFor(async () => expect((await row(before.id)).refreshLeaseUntil?.getTime() ?? 0).toBeLessThan(Date.now()), { timeout: 20_000, interval: 100 });
    // Instance B needs the token now and takes the lapsed lease over.
    const b = ensureFreshToken(db, google, before, { coalesce: false, leaseMs: LEASE_MS });
    await vi.waitFor(async () => expect((await row(before.id)).refreshLeaseOwner).not.toBe(ownerA), { timeout: 20_000, interval: 25 });
    release();
    const [fromA, fromB] = await Promise.all([a, b]);

    expect(fromB.accessToken).toBe(fromA.accessToken);
    expect(idp.counts.refreshGrants).toBe(1); // B never spent the consumed refresh token
    const saved = await row(before.id);
    expect(saved.status).toBe("active");
    expect([saved.refreshLeaseUntil, saved.refreshLeaseOwner]).toEqual([null, null]);
    expect(openRefreshToken(saved)).not.toBe(openRefreshToken(before));
    expect(await idp.accessTokenWorks(fromA.accessToken)).toBe(true);
    await nextRefreshWorks(agent, before.id);
  });

  it("S4: a late save after another holder marked needs_reauth restores active with the rotated token", async () => {
    const { agent, row: before } = await connectedAndExpired();
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const a = ensureFreshToken(gatedDb(() => held), google, before, { coalesce: false, leaseMs: LEASE_MS });
    await vi.waitFor(() => expect(idp.counts.refreshGrants).toBe(1), { timeout: 20_000 });
    // What today's code did on the other instance: lease lapsed, invalid_grant, needs_reauth.
    await updateConnection(db, before.id, { status: "needs_reauth", refreshLeaseUntil: null, refreshLeaseOwner: null });
    release();
    const fromA = await a;
    const saved = await row(before.id);
    expect(saved.status).toBe("active");
    expect(openAccessToken(saved)).toBe(fromA.accessToken);
    await nextRefreshWorks(agent, before.id);
  });

  it("S4: invalid_grant re-reads the row: tokens another instance saved meanwhile are served, not needs_reauth", async () => {
    const { row: before } = await connectedAndExpired();
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    // B takes the lease with the old refresh token in hand, and is held before calling the provider.
    const b = ensureFreshToken(gatedDb(() => held, { match: takesLease, after: true }), google, before, { coalesce: false, leaseMs: LEASE_MS });
    await vi.waitFor(async () => expect((await row(before.id)).refreshLeaseOwner).toBeTruthy(), { timeout: 20_000, interval: 25 });
    // Meanwhile instance A refreshed and saved (rotating the token B is about to send).
    const as = { issuer: idp.issuer, token_endpoint: idp.urls.token };
    const client = { client_id: idp.clientId };
    const res = await oauth.refreshTokenGrantRequest(as, client, oauth.ClientSecretPost(idp.clientSecret), openRefreshToken(before) ?? "", { [oauth.allowInsecureRequests]: true });
    const fresh = await oauth.processRefreshTokenResponse(as, client, res);
    // B's own call then gets invalid_grant (injected: a real reuse would revoke the grant).
    idp.setTokenEndpointFault("invalid_grant");
    await updateConnection(db, before.id, {
      accessTokenEnc: seal(before.id, "access_token", fresh.access_token),
      refreshTokenEnc: seal(before.id, "refresh_token", String(fresh.refresh_token)),
      expiresAt: new Date(Date.now() + 3600_000),
    });
    release();
    const fromB = await b;
    expect(fromB.accessToken).toBe(fresh.access_token);
    expect((await row(before.id)).status).toBe("active");
  });

  it("S4: a failed save after the provider rotated is retried, and the rotated token kept", async () => {
    const { agent, row: before } = await connectedAndExpired();
    const logs = captureLogs();
    const broken = gatedDb(() => Promise.reject(Object.assign(new Error("Connection terminated unexpectedly"), { code: "57P01" })));
    const fresh = await ensureFreshToken(broken, google, before, { coalesce: false, leaseMs: LEASE_MS });
    logs.restore();
    const saves = logs.entries().filter((e) => e.where === "token.refresh.save");
    expect(saves).toEqual([expect.objectContaining({ connectionId: before.id, attempt: 1, attempts: 4, msg: "saving refreshed tokens failed (Error 57P01); retrying" })]);
    expect(logs.text()).not.toContain(fresh.accessToken);
    const saved = await row(before.id);
    expect([saved.status, openAccessToken(saved)]).toEqual(["active", fresh.accessToken]);
    await nextRefreshWorks(agent, before.id);
  });
});
