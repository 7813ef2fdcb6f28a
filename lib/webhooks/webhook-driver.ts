/**
 * `npm start`'s webhook driver: every 15 s, send the deliveries that are due:
 * retries whose back-off has passed, and events the immediate run missed (a restart between
 * the event and its delivery). One run at a time per process; other instances' runs are kept
 * apart by the delivery leases. On Vercel the cron route is the driver instead.
 */
import { getDb } from "@/db";
import { logError } from "@/lib/log";
import { deliverDueWebhooks } from "./deliver-due-webhooks";

const WEBHOOK_INTERVAL_MS = 15_000;

export function startWebhookDriver(intervalMs = WEBHOOK_INTERVAL_MS): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await deliverDueWebhooks(await getDb());
    } catch (err) {
      logError("webhook.driver", err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
