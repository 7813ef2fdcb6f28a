/**
 * Webhook endpoints of a person or an organization: register (the secret is returned once),
 * list, enable/disable, delete, read the delivery log, send a test event. Every call names the
 * owner and every query filters by it: another owner's endpoint answers as an unknown one.
 * The adapters (tRPC, the CLI) authorize the caller and map WebhookError to their envelope.
 */
import type { Db } from "@/db";
import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  insertWebhookMessage,
  listDeliveries,
  listWebhookEndpoints,
  updateWebhookEndpoint,
  type DeliveryLogRow,
  type WebhookOwner,
} from "@/db/queries/webhooks";
import { webhookEventTypes, type WebhookEndpoint, type WebhookEventType } from "@/db/schema";
import { randomId } from "@/lib/crypto";
import { webhookPayload } from "./emit-webhook-event";
import { kickDelivery } from "./kick-delivery";
import { webhookUrlProblem } from "./webhook-url";
import { generateWebhookSecret, sealWebhookSecret } from "./webhook-secret";

export class WebhookError extends Error {
  override name = "WebhookError";
  constructor(
    readonly code: "BAD_REQUEST" | "NOT_FOUND",
    message: string,
  ) {
    super(message);
  }
}

/** An owner keeps at most this many endpoints (each event fans out to all of them). */
export const MAX_ENDPOINTS = 20;

export type EndpointView = Pick<WebhookEndpoint, "id" | "url" | "events" | "disabledAt" | "disabledReason" | "failingSince" | "createdAt">;

const view = (e: WebhookEndpoint): EndpointView => ({ id: e.id, url: e.url, events: e.events, disabledAt: e.disabledAt, disabledReason: e.disabledReason, failingSince: e.failingSince, createdAt: e.createdAt });

export function parseEventTypes(events: readonly string[]): WebhookEventType[] {
  const unknown = events.filter((e) => !(webhookEventTypes as readonly string[]).includes(e));
  if (unknown.length) throw new WebhookError("BAD_REQUEST", `events: unknown event ${unknown.join(", ")} (known: ${webhookEventTypes.join(", ")})`);
  if (!events.length) throw new WebhookError("BAD_REQUEST", "events: choose at least one event");
  return [...new Set(events)] as WebhookEventType[];
}

export async function createWebhookEndpoint(db: Db, owner: WebhookOwner, input: { url: string; events: readonly string[] }): Promise<{ endpoint: EndpointView; secret: string }> {
  const url = input.url.trim();
  const problem = webhookUrlProblem(url);
  if (problem) throw new WebhookError("BAD_REQUEST", problem);
  const events = parseEventTypes(input.events);
  if ((await listWebhookEndpoints(db, owner)).length >= MAX_ENDPOINTS) throw new WebhookError("BAD_REQUEST", `At most ${MAX_ENDPOINTS} webhook endpoints; delete one first.`);
  const id = randomId("wh");
  const secret = generateWebhookSecret();
  const row = await insertWebhookEndpoint(db, { id, ...owner, url, events, secretEnc: sealWebhookSecret(id, secret) });
  return { endpoint: view(row), secret };
}

export async function listEndpoints(db: Db, owner: WebhookOwner): Promise<EndpointView[]> {
  return (await listWebhookEndpoints(db, owner)).map(view);
}

async function requireEndpoint(db: Db, owner: WebhookOwner, id: string): Promise<WebhookEndpoint> {
  const row = await findWebhookEndpoint(db, owner, id);
  if (!row) throw new WebhookError("NOT_FOUND", "No webhook endpoint with that id.");
  return row;
}

/** Enabling clears an automatic disable and its failure streak; pending deliveries resume. */
export async function setEndpointEnabled(db: Db, owner: WebhookOwner, id: string, enabled: boolean): Promise<EndpointView> {
  const set = enabled ? { disabledAt: null, disabledReason: null, failingSince: null } : { disabledAt: new Date(), disabledReason: "Disabled by its owner." };
  const row = await updateWebhookEndpoint(db, owner, id, set);
  if (!row) throw new WebhookError("NOT_FOUND", "No webhook endpoint with that id.");
  if (enabled) kickDelivery();
  return view(row);
}

export async function removeEndpoint(db: Db, owner: WebhookOwner, id: string): Promise<void> {
  if (!(await deleteWebhookEndpoint(db, owner, id))) throw new WebhookError("NOT_FOUND", "No webhook endpoint with that id.");
}

export async function endpointDeliveries(db: Db, owner: WebhookOwner, id: string, limit = 50): Promise<DeliveryLogRow[]> {
  const endpoint = await requireEndpoint(db, owner, id);
  return listDeliveries(db, endpoint.id, limit);
}

/** Queue a `webhook.test` event for this endpoint alone (whatever its subscriptions); returns its webhook-id. */
export async function sendTestEvent(db: Db, owner: WebhookOwner, id: string, now = new Date()): Promise<string> {
  const endpoint = await requireEndpoint(db, owner, id);
  if (endpoint.disabledAt) throw new WebhookError("BAD_REQUEST", "This endpoint is disabled; enable it to send a test event.");
  const messageId = randomId("msg");
  const payload = webhookPayload("webhook.test", { endpointId: endpoint.id, message: "A test event from Akhrot." }, now);
  await db.transaction((tx) => insertWebhookMessage(tx, { id: messageId, eventType: "webhook.test", payload, createdAt: now }, [endpoint.id]));
  kickDelivery();
  return messageId;
}
