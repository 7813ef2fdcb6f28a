/**
 * Signed webhooks, tenant boundaries and management (issue 15 item 6), through the dashboard's
 * real tRPC procedures and a real receiver: a person's endpoint hears only that person's events,
 * an organization's only its own (its service keys, its end users' connections); another owner's
 * endpoint answers as an unknown one; org webhooks are for owners and admins; the secret is shown
 * once; "Send test event" delivers a signed `webhook.test` and the delivery log shows it.
 */
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { insertMember } from "@/db/queries/orgs";
import { connections, endUsers } from "@/db/schema";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import { randomId } from "@/lib/crypto";
import { resetEnvCache } from "@/lib/env";
import { getProvider } from "@/lib/providers";
import { deleteServiceKey, createServiceKey } from "@/lib/service-keys/manage-service-keys";
import { makeUser, testDb } from "@/lib/testing/fixtures";
import { ALL_PERMISSIONS, makeOrg, makeService } from "@/lib/testing/org-fixtures";
import { callerFor, codeOf } from "@/lib/testing/trpc-caller";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { ensureFreshToken } from "@/lib/tokens/ensure-fresh-token";
import { deliverDueWebhooks, settleDeliveryKicks } from "@/lib/webhooks";
import { webhookEventTypes } from "@/db/schema";

let db: Db;
let receiver: WebhookReceiver;
const ALL = [...webhookEventTypes];

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "true";
  resetEnvCache();
  db = await testDb();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await settleDeliveryKicks();
  await receiver?.stop();
});

async function drain() {
  await settleDeliveryKicks();
  await deliverDueWebhooks(db);
}

/** What one path received, verified with that endpoint's secret (a wrong secret throws). */
function heard(path: string, secret: string) {
  return receiver.received
    .filter((h) => h.path === path)
    .map((h) => new Webhook(secret).verify(h.body, h.headers as Record<string, string>) as { type: string; data: Record<string, unknown> });
}

describe("tenant boundaries", () => {
  it("a person's endpoint never hears another person's events", async () => {
    const [a, b] = [await makeUser(db), await makeUser(db)];
    const hookA = await callerFor(db, a.id).webhooks.create({ url: receiver.url("/person-a"), events: ALL });
    const hookB = await callerFor(db, b.id).webhooks.create({ url: receiver.url("/person-b"), events: ALL });
    const keyA = await createApiKey(db, { userId: a.id, name: "a's key" });
    const keyB = await createApiKey(db, { userId: b.id, name: "b's key" });
    await revokeApiKey(db, keyA.row.id, a.id);
    await drain();
    const gotA = heard("/person-a", hookA.secret);
    const gotB = heard("/person-b", hookB.secret);
    expect(gotA.map((p) => [p.type, p.data.apiKeyId])).toEqual(
      expect.arrayContaining([
        ["api_key.created", keyA.row.id],
        ["api_key.revoked", keyA.row.id],
      ]),
    );
    expect(gotA).toHaveLength(2);
    expect(gotB.map((p) => [p.type, p.data.apiKeyId])).toEqual([["api_key.created", keyB.row.id]]);
    // Neither body carries a key.
    for (const h of receiver.received) {
      expect(h.body).not.toContain(keyA.key);
      expect(h.body).not.toContain(keyB.key);
    }
  });

  it("an organization's endpoint hears its own service keys and end users, never another org's", async () => {
    const x = await makeOrg(db);
    const y = await makeOrg(db);
    const [sx, sy] = [(await makeService(db, x.org)).service, (await makeService(db, y.org)).service];
    const personal = await callerFor(db, x.ownerId).webhooks.create({ url: receiver.url("/x-owner-personal"), events: ALL });
    const hookX = await callerFor(db, x.ownerId).webhooks.create({ orgSlug: x.org.slug, url: receiver.url("/org-x"), events: ALL });
    const hookY = await callerFor(db, y.ownerId).webhooks.create({ orgSlug: y.org.slug, url: receiver.url("/org-y"), events: ALL });

    const keyX = await createServiceKey(db, { orgId: x.org.id, userId: x.ownerId }, sx, { name: "x key", permissions: ALL_PERMISSIONS });
    await deleteServiceKey(db, { orgId: x.org.id, userId: x.ownerId }, sx, keyX.row.id);
    const keyY = await createServiceKey(db, { orgId: y.org.id, userId: y.ownerId }, sy, { name: "y key", permissions: ALL_PERMISSIONS });

    // X's end user's connection expires with no refresh token: needs_reauth goes to X's endpoint.
    const endUserId = randomId("eu");
    await db.insert(endUsers).values({ id: endUserId, orgId: x.org.id, email: `${endUserId.toLowerCase()}@example.test` });
    const [conn] = await db
      .insert(connections)
      .values({ id: randomId("conn"), endUserId, provider: "google", authType: "oauth2", accountId: "sub-1", accountLabel: "end@example.test", expiresAt: new Date(Date.now() - 60_000) })
      .returning();
    const google = getProvider("google");
    if (!conn || google?.authType !== "oauth2") throw new Error("fixture");
    await expect(ensureFreshToken(db, google, conn)).rejects.toMatchObject({ code: "TOKEN_EXPIRED" });
    await drain();

    const gotX = heard("/org-x", hookX.secret);
    expect(gotX.map((p) => p.type).sort()).toEqual(["api_key.created", "api_key.revoked", "connection.needs_reauth"]);
    expect(gotX.find((p) => p.type === "connection.needs_reauth")?.data).toEqual({ connectionId: conn.id, provider: "google", accountLabel: "end@example.test", status: "needs_reauth", endUserId });
    expect(gotX.filter((p) => p.type.startsWith("api_key.")).every((p) => p.data.apiKeyId === keyX.row.id && p.data.serviceId === sx.id)).toBe(true);
    expect(heard("/org-y", hookY.secret).map((p) => [p.type, p.data.apiKeyId])).toEqual([["api_key.created", keyY.row.id]]);
    // The org owner's personal endpoint is not the org's.
    expect(heard("/x-owner-personal", personal.secret)).toEqual([]);
    for (const h of receiver.received) expect(h.body).not.toContain(keyX.key);
  });

  it("another owner's endpoint answers as unknown; org webhooks are for owners and admins", async () => {
    const [a, b] = [await makeUser(db), await makeUser(db)];
    const { endpoint } = await callerFor(db, a.id).webhooks.create({ url: receiver.url("/a-only"), events: ["api_key.created"] });
    const asB = callerFor(db, b.id);
    expect(await codeOf(asB.webhooks.deliveries({ id: endpoint.id }))).toBe("NOT_FOUND");
    expect(await codeOf(asB.webhooks.sendTest({ id: endpoint.id }))).toBe("NOT_FOUND");
    expect(await codeOf(asB.webhooks.setEnabled({ id: endpoint.id, enabled: false }))).toBe("NOT_FOUND");
    expect(await codeOf(asB.webhooks.remove({ id: endpoint.id }))).toBe("NOT_FOUND");
    expect((await asB.webhooks.list({})).endpoints).toEqual([]);

    const x = await makeOrg(db);
    const hookX = await callerFor(db, x.ownerId).webhooks.create({ orgSlug: x.org.slug, url: receiver.url("/x"), events: ["api_key.created"] });
    // A's personal endpoint is not reachable through the org scope, nor X's through A's.
    expect(await codeOf(callerFor(db, x.ownerId).webhooks.remove({ orgSlug: x.org.slug, id: endpoint.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(db, x.ownerId).webhooks.remove({ id: hookX.endpoint.id }))).toBe("NOT_FOUND");
    // A plain member may not manage them; an outsider cannot even see the org.
    await insertMember(db, { orgId: x.org.id, userId: a.id, role: "member" });
    expect(await codeOf(callerFor(db, a.id).webhooks.list({ orgSlug: x.org.slug }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(db, b.id).webhooks.list({ orgSlug: x.org.slug }))).toBe("NOT_FOUND");
    await insertMember(db, { orgId: x.org.id, userId: b.id, role: "admin" });
    expect((await callerFor(db, b.id).webhooks.list({ orgSlug: x.org.slug })).endpoints.map((e) => e.id)).toEqual([hookX.endpoint.id]);
  });
});

describe("management", () => {
  it("the secret is shown once; a test event is delivered signed and logged; disable, enable, delete", async () => {
    const user = await makeUser(db);
    const me = callerFor(db, user.id);
    const created = await me.webhooks.create({ url: receiver.url("/mine"), events: ["connection.created", "connection.needs_reauth"] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await me.webhooks.list({});
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(6));
    expect(listed.endpoints).toEqual([expect.objectContaining({ id: created.endpoint.id, url: receiver.url("/mine"), events: ["connection.created", "connection.needs_reauth"], disabledAt: null })]);

    const { messageId } = await me.webhooks.sendTest({ id: created.endpoint.id });
    await drain();
    const [test] = heard("/mine", created.secret);
    expect(test).toEqual({ type: "webhook.test", timestamp: expect.any(String), data: { endpointId: created.endpoint.id, message: "A test event from Akhrot." } });
    const log = await me.webhooks.deliveries({ id: created.endpoint.id });
    expect(log).toEqual([expect.objectContaining({ messageId, eventType: "webhook.test", status: "delivered", attempts: 1, lastStatusCode: 200 })]);

    const off = await me.webhooks.setEnabled({ id: created.endpoint.id, enabled: false });
    expect(off.disabledReason).toBe("Disabled by its owner.");
    expect(await codeOf(me.webhooks.sendTest({ id: created.endpoint.id }))).toBe("BAD_REQUEST");
    expect((await me.webhooks.setEnabled({ id: created.endpoint.id, enabled: true })).disabledAt).toBeNull();
    await me.webhooks.remove({ id: created.endpoint.id });
    expect((await me.webhooks.list({})).endpoints).toEqual([]);
  });

  it("bad input gets a clear message", async () => {
    const me = callerFor(db, (await makeUser(db)).id);
    const fail = async (input: { url: string; events: string[] }) => {
      try {
        await me.webhooks.create(input);
      } catch (e) {
        return (e as Error).message;
      }
      return "resolved";
    };
    expect(await fail({ url: receiver.url(), events: ["connection.exploded"] })).toMatch(/^events: unknown event connection\.exploded \(known: connection\.created, /);
    expect(await fail({ url: receiver.url(), events: [] })).toBe("events: choose at least one event");
    expect(await fail({ url: "example.com/hook", events: ["api_key.created"] })).toBe("url: must be an absolute URL (https://…)");
  });
});
