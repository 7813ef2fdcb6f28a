/**
 * Delivery right after an event, best effort: a delivery run starts in the background shortly
 * after the emitting code returns (after the response inside a Next request, which also keeps a
 * serverless function alive for it). The short wait lets the emitting transaction commit first;
 * whatever this run misses, the cron route and `npm start`'s interval deliver (./deliver-due-webhooks.ts).
 */
import { getDb } from "@/db";
import { afterResponse } from "@/lib/api/defer";
import { deliverDueWebhooks } from "./deliver-due-webhooks";

const COMMIT_WAIT_MS = 50;
const running = new Set<Promise<unknown>>();

export function kickDelivery(): void {
  afterResponse(() => {
    const run = new Promise((r) => setTimeout(r, COMMIT_WAIT_MS)).then(async () => deliverDueWebhooks(await getDb(), { limit: 20, rounds: 1 }));
    running.add(run);
    return run.finally(() => running.delete(run));
  });
}

/** Tests: wait for the background runs started so far. */
export async function settleDeliveryKicks(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}
