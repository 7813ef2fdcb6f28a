/**
 * The outbox's delivery side, run by three drivers: right after an event (./kick-delivery.ts),
 * the cron route (app/api/cron/refresh) and `npm start`'s interval (scripts/serve.ts). Any number
 * of them may run at once on any number of instances: each claims due deliveries with a lease
 * (db/queries/webhooks.ts, FOR UPDATE SKIP LOCKED), so a delivery is sent by one of them at a time.
 *
 * At least once: a delivery is `delivered` only after a 2xx; a crash mid-send leaves the lease to
 * lapse and the next run sends it again with the same `webhook-id`. Each attempt is signed anew
 * (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`) over the stored body.
 * Receivers get no redirects followed, a bounded time, and no private addresses unless
 * WEBHOOK_ALLOW_PRIVATE_URLS (lib/net/safe-fetch.ts). Only the status code is kept, never the body.
 */
import { Webhook } from "standardwebhooks";
import type { Db } from "@/db";
import { claimDueDeliveries, disableFailingEndpoint, finishDeliveryAttempt, markEndpointFailing, markEndpointHealthy, type ClaimedDelivery } from "@/db/queries/webhooks";
import { randomBase62 } from "@/lib/crypto";
import { env } from "@/lib/env";
import { log, logError } from "@/lib/log";
import { OutboundRequestRefused, safeFetch } from "@/lib/net/safe-fetch";
import { nextRetryDelayMs } from "./retry-schedule";
import { openWebhookSecret } from "./webhook-secret";

export type DeliveryRunResult = { attempted: number; delivered: number; failed: number; disabled: number };

const DAY_MS = 86_400_000;

type Attempt = { ok: true; status: number } | { ok: false; status: number | null; error: string | null };

/** Our own words for an attempt without an answer: no receiver text, no secret. */
function describeNoAnswer(err: unknown): string {
  if (err instanceof OutboundRequestRefused) return `refused: ${err.message}`.slice(0, 200);
  if (err instanceof Error && err.name === "TimeoutError") return "timed out";
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" ? `no answer (${code})` : "no answer";
}

async function send(claimed: ClaimedDelivery, now: Date): Promise<Attempt> {
  const { endpoint, message } = claimed;
  let secret: string;
  try {
    secret = openWebhookSecret(endpoint.id, endpoint.secretEnc);
  } catch (err) {
    logError("webhook.deliver", err, { endpointId: endpoint.id });
    return { ok: false, status: null, error: "signing secret unreadable (encryption key missing?)" };
  }
  const body = JSON.stringify(message.payload);
  const signature = new Webhook(secret).sign(message.id, now, body);
  const { WEBHOOK_ALLOW_PRIVATE_URLS: allowPrivate, WEBHOOK_TIMEOUT_SECONDS } = env();
  try {
    const host = new URL(endpoint.url).hostname.replace(/^\[(.*)\]$/, "$1");
    const res = await safeFetch(
      endpoint.url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Akhrot-Webhooks/1",
          "webhook-id": message.id,
          "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
          "webhook-signature": signature,
        },
        body,
      },
      { allowedHosts: [host], allowPrivate, timeoutMs: WEBHOOK_TIMEOUT_SECONDS * 1000 },
    );
    await res.body?.cancel();
    return res.status >= 200 && res.status < 300 ? { ok: true, status: res.status } : { ok: false, status: res.status, error: null };
  } catch (err) {
    return { ok: false, status: null, error: describeNoAnswer(err) };
  }
}

async function deliverOne(db: Db, claimed: ClaimedDelivery, owner: string, result: DeliveryRunResult): Promise<void> {
  const now = new Date();
  const { delivery, endpoint } = claimed;
  const attempt = await send(claimed, now);
  result.attempted++;
  const common = { lastStatusCode: attempt.status, lastAttemptAt: now };
  if (attempt.ok) {
    await finishDeliveryAttempt(db, delivery.id, owner, { ...common, lastError: null, status: "delivered", deliveredAt: now });
    if (endpoint.failingSince) await markEndpointHealthy(db, endpoint.id);
    result.delivered++;
    return;
  }
  const delay = nextRetryDelayMs(delivery.attempts + 1);
  await finishDeliveryAttempt(db, delivery.id, owner, {
    ...common,
    lastError: attempt.error,
    ...(delay === null ? { status: "failed" as const } : { nextAttemptAt: new Date(now.getTime() + delay) }),
  });
  result.failed++;
  log().warn({ where: "webhook.deliver", endpointId: endpoint.id, messageId: delivery.messageId, status: attempt.status, error: attempt.error, attempt: delivery.attempts + 1 }, "webhook delivery failed");
  const since = await markEndpointFailing(db, endpoint.id, now);
  const days = env().WEBHOOK_DISABLE_AFTER_DAYS;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  if (since && since <= cutoff) {
    const reason = `Every delivery failed for ${days} days (since ${since.toISOString()}); disabled automatically.`;
    if (await disableFailingEndpoint(db, endpoint.id, cutoff, reason, now)) result.disabled++;
  }
}

/**
 * Send every due delivery: claim a batch, send it concurrently, record each outcome, and go
 * round again (at most `rounds` times) while batches come back full.
 */
export async function deliverDueWebhooks(db: Db, opts: { limit?: number; rounds?: number } = {}): Promise<DeliveryRunResult> {
  const limit = opts.limit ?? 25;
  const result: DeliveryRunResult = { attempted: 0, delivered: 0, failed: 0, disabled: 0 };
  const leaseMs = 2 * env().WEBHOOK_TIMEOUT_SECONDS * 1000 + 30_000;
  for (let round = 0; round < (opts.rounds ?? 10); round++) {
    const owner = randomBase62(22);
    const now = new Date();
    const batch = await claimDueDeliveries(db, { owner, now, leaseUntil: new Date(now.getTime() + leaseMs), limit });
    await Promise.all(batch.map((claimed) => deliverOne(db, claimed, owner, result).catch((err: unknown) => logError("webhook.deliver", err, { deliveryId: claimed.delivery.id }))));
    if (batch.length < limit) break;
  }
  return result;
}
