/**
 * Signed webhooks, delivery side (issue 15 item 6), against a real receiver (node:http), the real
 * local OAuth server and the real database: a refresh that hits `invalid_grant` sends a signed
 * `connection.needs_reauth` that the maintained `standardwebhooks` library verifies; an outage is
 * retried on Standard Webhooks' schedule with the same webhook-id (time moves through the rows'
 * columns, never by sleeping); a lapsed lease (a dead instance) is taken over; two concurrent
 * runs never send one delivery twice; endpoints failing for days are disabled; private
 * addresses are refused without WEBHOOK_ALLOW_PRIVATE_URLS.
 */
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { findConnectionById, updateConnection } from "@/db/queries/connections";
import { webhookDeliveries, webhookEndpoints, type WebhookDelivery } from "@/db/schema";
import { openAccessToken, openRefreshToken } from "@/lib/connections/connection-secrets";
import { resetEnvCache } from "@/lib/env";
import { createApiKey } from "@/lib/api-keys";
import { connect, fetchToken, newAgent, startGoogleIdp } from "@/lib/testing/agent-flow";
import { captureLogs } from "@/lib/testing/capture-logs";
import { makeUser, testDb } from "@/lib/testing/fixtures";
import type { OidcServer } from "@/lib/testing/oidc-server";
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { createWebhookEndpoint, deliverDueWebhooks, RETRY_DELAYS_MS, settleDeliveryKicks, WebhookError } from "@/lib/webhooks";

let db: Db;
let idp: OidcServer;
let receiver: WebhookReceiver;

function allowPrivate(on: boolean) {
  process.env.WEBHOOK_ALLOW_PRIVATE_URLS = on ? "true" : "false";
  resetEnvCache();
}

beforeAll(async () => {
  db = await testDb();
  idp = await startGoogleIdp();
});
afterAll(async () => {
  await idp?.stop();
});
beforeEach(async () => {
  allowPrivate(true);
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await settleDeliveryKicks();
  await receiver.stop().catch(() => {});
  idp.setTokenEndpointFault(null);
});

/** Let the background runs finish, then run the driver once more (what the cron or interval would do). */
async function drain() {
  await settleDeliveryKicks();
  return deliverDueWebhooks(db);
}

async function deliveriesOf(endpointId: string): Promise<WebhookDelivery[]> {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(webhookDeliveries.id);
}

function verified(secret: string, hook: ReceivedWebhook) {
  const headers = { "webhook-id": String(hook.headers["webhook-id"]), "webhook-timestamp": String(hook.headers["webhook-timestamp"]), "webhook-signature": String(hook.headers["webhook-signature"]) };
  return new Webhook(secret).verify(hook.body, headers) as { type: string; timestamp: string; data: Record<string, unknown> };
}

async function personWithEndpoint(events: string[]) {
  const agent = await newAgent(db);
  const { endpoint, secret } = await createWebhookEndpoint(db, { userId: agent.userId }, { url: receiver.url(), events });
  return { agent, endpoint, secret };
}

describe("connection.needs_reauth after invalid_grant", () => {
  it("reaches the receiver signed, verifies with standardwebhooks, and carries no secret", async () => {
    const logs = captureLogs();
    try {
      const { agent, endpoint, secret } = await personWithEndpoint(["connection.created", "connection.needs_reauth"]);
      const { cb } = await connect(agent);
      expect(cb.status).toBe(303);
      await drain();
      const created = receiver.received.map((h) => verified(secret, h)).find((p) => p.type === "connection.created");
      expect(created?.data).toMatchObject({ provider: "google", status: "active" });
      const connectionId = String(created?.data.connectionId);

      const row = await findConnectionById(db, connectionId);
      if (!row) throw new Error("connection missing");
      const canaries = [openAccessToken(row), openRefreshToken(row), agent.key, secret].filter((s): s is string => Boolean(s));
      await updateConnection(db, connectionId, { expiresAt: new Date(Date.now() - 60_000) });
      idp.setTokenEndpointFault("invalid_grant");
      const answer = await fetchToken(agent);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe("TOKEN_EXPIRED");
      await drain();

      const hooks = receiver.received.filter((h) => verified(secret, h).type === "connection.needs_reauth");
      expect(hooks).toHaveLength(1);
      const hook = hooks[0] as ReceivedWebhook;
      expect(String(hook.headers["webhook-id"])).toMatch(/^msg_[A-Za-z0-9]{22}$/);
      expect(String(hook.headers["webhook-signature"])).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
      const payload = verified(secret, hook);
      expect(payload.data).toEqual({ connectionId, provider: "google", accountLabel: row.accountLabel, status: "needs_reauth" });
      expect(new Date(payload.timestamp).getTime()).not.toBeNaN();
      // A body altered in transit, or signed with another secret, does not verify.
      expect(() => new Webhook(secret).verify(hook.body.replace("needs_reauth", "active"), hook.headers as Record<string, string>)).toThrow();
      expect(() => verified(`whsec_${Buffer.alloc(32, 1).toString("base64")}`, hook)).toThrow();

      for (const canary of canaries) {
        for (const h of receiver.received) expect(h.body + JSON.stringify(h.headers)).not.toContain(canary);
        expect(logs.text()).not.toContain(canary);
      }
      const [delivery] = (await deliveriesOf(endpoint.id)).filter((d) => d.messageId === hook.headers["webhook-id"]);
      expect(delivery).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, lastError: null });
    } finally {
      logs.restore();
    }
  });
});

describe("outage, retry and restart", () => {
  it("a 500, then no receiver at all, then a retry delivers the same webhook-id, signed again", async () => {
    const { agent, endpoint, secret } = await personWithEndpoint(["api_key.created"]);
    receiver.answer(500);
    await createApiKey(db, { userId: agent.userId, name: "outage" });
    await drain();
    const [first] = await deliveriesOf(endpoint.id);
    if (!first) throw new Error("no delivery row");
    expect(first).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: null });
    // Next attempt on the schedule (5 s after the first), not before.
    expect(first.nextAttemptAt.getTime() - (first.lastAttemptAt?.getTime() ?? 0)).toBe(RETRY_DELAYS_MS[0]);
    expect((await deliverDueWebhooks(db)).attempted).toBe(0);
    expect(receiver.received).toHaveLength(1);

    // The receiver is gone: the attempt gets no answer and is scheduled 5 minutes later.
    await receiver.stop();
    await db.update(webhookDeliveries).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(webhookDeliveries.id, first.id));
    expect(await deliverDueWebhooks(db)).toMatchObject({ attempted: 1, failed: 1 });
    const [second] = await deliveriesOf(endpoint.id);
    expect(second).toMatchObject({ status: "pending", attempts: 2, lastStatusCode: null, lastError: "no answer (ECONNREFUSED)" });
    expect((second?.nextAttemptAt.getTime() ?? 0) - (second?.lastAttemptAt?.getTime() ?? 0)).toBe(RETRY_DELAYS_MS[1]);

    // Back up (a new receiver on another port: point the endpoint at it), and the time has come.
    receiver = await startWebhookReceiver();
    await db.update(webhookEndpoints).set({ url: receiver.url() }).where(eq(webhookEndpoints.id, endpoint.id));
    await db.update(webhookDeliveries).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(webhookDeliveries.id, first.id));
    expect(await deliverDueWebhooks(db)).toMatchObject({ attempted: 1, delivered: 1 });
    const [hook] = receiver.received;
    if (!hook) throw new Error("nothing received after the outage");
    expect(hook.headers["webhook-id"]).toBe(first.messageId);
    expect(verified(secret, hook).type).toBe("api_key.created");
    const [done] = await deliveriesOf(endpoint.id);
    expect(done).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200, lastError: null });
    expect(done?.deliveredAt).toBeInstanceOf(Date);
  });

  it("a delivery claimed by an instance that died (lease lapsed) is sent by the next run; a live lease is left alone", async () => {
    const { agent, endpoint, secret } = await personWithEndpoint(["api_key.revoked"]);
    receiver.answer(500);
    const { row } = await createApiKey(db, { userId: agent.userId, name: "restart" });
    const { revokeApiKey } = await import("@/lib/api-keys");
    await revokeApiKey(db, row.id, agent.userId);
    await settleDeliveryKicks();
    const [pending] = await deliveriesOf(endpoint.id);
    if (!pending) throw new Error("no delivery row");
    receiver.answer(200);
    const due = new Date(Date.now() - 1000);
    await db.update(webhookDeliveries).set({ nextAttemptAt: due, leaseOwner: "another-live-instance", leaseUntil: new Date(Date.now() + 60_000) }).where(eq(webhookDeliveries.id, pending.id));
    expect((await deliverDueWebhooks(db)).attempted).toBe(0);
    await db.update(webhookDeliveries).set({ leaseOwner: "a-dead-instance", leaseUntil: new Date(Date.now() - 1) }).where(eq(webhookDeliveries.id, pending.id));
    expect(await deliverDueWebhooks(db)).toMatchObject({ attempted: 1, delivered: 1 });
    const last = receiver.received.at(-1);
    if (!last) throw new Error("nothing received");
    expect(last.headers["webhook-id"]).toBe(pending.messageId);
    expect(verified(secret, last).data).toMatchObject({ apiKeyId: row.id, name: "restart" });
  });

  it("two runs at once send each delivery exactly once", async () => {
    const { agent, endpoint } = await personWithEndpoint(["api_key.created"]);
    receiver.answer(503);
    for (let i = 0; i < 12; i++) await createApiKey(db, { userId: agent.userId, name: `burst ${i}` });
    await settleDeliveryKicks();
    const before = receiver.received.length;
    receiver.answer(200);
    await db.update(webhookDeliveries).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(webhookDeliveries.endpointId, endpoint.id));
    const runs = await Promise.all([deliverDueWebhooks(db, { limit: 5 }), deliverDueWebhooks(db, { limit: 5 }), deliverDueWebhooks(db, { limit: 5 })]);
    expect(runs.reduce((n, r) => n + r.delivered, 0)).toBe(12);
    const ids = receiver.received.slice(before).map((h) => h.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(12);
  });

  it("the schedule ends: after the last retry the delivery is failed for good", async () => {
    const { agent, endpoint } = await personWithEndpoint(["api_key.created"]);
    receiver.answer(500);
    await createApiKey(db, { userId: agent.userId, name: "give up" });
    await settleDeliveryKicks();
    await db.update(webhookDeliveries).set({ attempts: RETRY_DELAYS_MS.length, nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(webhookDeliveries.endpointId, endpoint.id));
    await deliverDueWebhooks(db);
    const [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "failed", attempts: RETRY_DELAYS_MS.length + 1, lastStatusCode: 500 });
  });
});

describe("automatic disabling", () => {
  it("an endpoint failing for WEBHOOK_DISABLE_AFTER_DAYS is disabled; a success resets the streak", async () => {
    const { agent, endpoint } = await personWithEndpoint(["api_key.created"]);
    receiver.answer(500);
    await createApiKey(db, { userId: agent.userId, name: "streak" });
    await drain();
    const [started] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(started?.failingSince).toBeInstanceOf(Date);
    expect(started?.disabledAt).toBeNull();

    // Four days of failures: still enabled.
    await db.update(webhookEndpoints).set({ failingSince: new Date(Date.now() - 4 * 86_400_000) }).where(eq(webhookEndpoints.id, endpoint.id));
    await db.update(webhookDeliveries).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(await deliverDueWebhooks(db)).toMatchObject({ failed: 1, disabled: 0 });

    // A success ends the streak.
    receiver.answer(204);
    await createApiKey(db, { userId: agent.userId, name: "recovers" });
    await drain();
    const [healthy] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(healthy?.failingSince).toBeNull();

    // Six days of nothing but failures: the next failure disables it, and nothing more is sent or queued.
    receiver.answer(500);
    await db.update(webhookEndpoints).set({ failingSince: new Date(Date.now() - 6 * 86_400_000) }).where(eq(webhookEndpoints.id, endpoint.id));
    await db.update(webhookDeliveries).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(webhookDeliveries.endpointId, endpoint.id));
    const run = await deliverDueWebhooks(db);
    expect(run.disabled).toBe(1);
    const [disabled] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(disabled?.disabledAt).toBeInstanceOf(Date);
    expect(disabled?.disabledReason).toMatch(/failed for 5 days/);
    const seen = receiver.received.length;
    await createApiKey(db, { userId: agent.userId, name: "after disable" });
    await db.update(webhookDeliveries).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(webhookDeliveries.endpointId, endpoint.id));
    await drain();
    expect(receiver.received.length).toBe(seen);
  });
});

describe("private addresses", () => {
  it("registration refuses them without WEBHOOK_ALLOW_PRIVATE_URLS", async () => {
    allowPrivate(false);
    const user = await makeUser(db);
    for (const url of [receiver.url(), "https://127.0.0.1/hook", "https://10.1.2.3/x", "https://[::1]/x", "https://localhost/x", "https://169.254.169.254/latest"]) {
      const err = await createWebhookEndpoint(db, { userId: user.id }, { url, events: ["api_key.created"] }).catch((e: unknown) => e);
      expect(err, url).toBeInstanceOf(WebhookError);
      expect((err as WebhookError).message).toMatch(/^url: must (use https|be a public address)/);
    }
    for (const url of ["ftp://example.com/x", "https://user:pw@example.com/x", "not a url"]) {
      await expect(createWebhookEndpoint(db, { userId: user.id }, { url, events: ["api_key.created"] })).rejects.toThrow(/^url: /);
    }
  });

  it("delivery refuses them too (an endpoint registered while allowed, or a name resolving to loopback)", async () => {
    const user = await makeUser(db);
    const port = new URL(receiver.url()).port;
    const plain = await createWebhookEndpoint(db, { userId: user.id }, { url: receiver.url(), events: ["api_key.created"] });
    const named = await createWebhookEndpoint(db, { userId: user.id }, { url: `https://localhost:${port}/hook`, events: ["api_key.created"] });
    allowPrivate(false);
    await createApiKey(db, { userId: user.id, name: "private" });
    await drain();
    expect(receiver.received).toHaveLength(0);
    const [a] = await deliveriesOf(plain.endpoint.id);
    const [b] = await deliveriesOf(named.endpoint.id);
    expect(a).toMatchObject({ status: "pending", lastStatusCode: null, lastError: "refused: http: is not allowed" });
    expect(b).toMatchObject({ status: "pending", lastStatusCode: null, lastError: "refused: localhost resolves to a private or reserved address" });
  });
});
