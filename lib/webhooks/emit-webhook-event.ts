/**
 * The outbox's write side. `emitWebhookEvent` writes the message and one pending delivery per
 * subscribed endpoint with the database handle it is given: pass the transaction of the change
 * being reported, so the event exists exactly when the change does (a crash after the commit
 * loses nothing; the drivers deliver it later). Then a best-effort delivery run is started in
 * the background (./kick-delivery.ts); the request never waits for a receiver.
 *
 * Payloads carry ids, the provider, the account label and times: never a token, key or secret.
 */
import type { Connection, WebhookEventType } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { insertWebhookMessage, orgOfEndUser, subscribedEndpointIds, type WebhookOwner } from "@/db/queries/webhooks";
import { randomId } from "@/lib/crypto";
import { kickDelivery } from "./kick-delivery";

export type WebhookData = Record<string, string | number | boolean | null | string[]>;

/** The signed body: Standard Webhooks' `{type, timestamp, data}`. */
export function webhookPayload(type: WebhookEventType, data: WebhookData, now: Date) {
  return { type, timestamp: now.toISOString(), data };
}

/** Queue `type` for every enabled endpoint of `owner` subscribed to it. Returns the message id (the `webhook-id`), or null when nobody listens. */
export async function emitWebhookEvent(db: DbOrTx, owner: WebhookOwner, type: WebhookEventType, data: WebhookData, now = new Date()): Promise<string | null> {
  const endpoints = await subscribedEndpointIds(db, owner, type);
  if (!endpoints.length) return null;
  const id = randomId("msg");
  await insertWebhookMessage(db, { id, eventType: type, payload: webhookPayload(type, data, now), createdAt: now }, endpoints.map((e) => e.id));
  kickDelivery();
  return id;
}

/** Whose endpoints hear about a connection: its person's, or (an end user's) its organization's. */
export async function connectionOwner(db: DbOrTx, row: Pick<Connection, "userId" | "endUserId">): Promise<WebhookOwner | null> {
  if (row.userId) return { userId: row.userId };
  const orgId = row.endUserId ? await orgOfEndUser(db, row.endUserId) : undefined;
  return orgId ? { orgId } : null;
}

/** The non-secret facts of a connection every `connection.*` event carries. */
export function connectionData(row: Pick<Connection, "id" | "provider" | "accountLabel" | "status" | "endUserId">): WebhookData {
  return { connectionId: row.id, provider: row.provider, accountLabel: row.accountLabel, status: row.status, ...(row.endUserId ? { endUserId: row.endUserId } : {}) };
}

/** A `connection.*` event to the connection's owner's endpoints. */
export async function emitConnectionEvent(db: DbOrTx, type: Extract<WebhookEventType, `connection.${string}`>, row: Parameters<typeof connectionData>[0] & Pick<Connection, "userId">): Promise<void> {
  const owner = await connectionOwner(db, row);
  if (owner) await emitWebhookEvent(db, owner, type, connectionData(row));
}
