import type { Db } from "@/db";
import { listRefreshDue } from "@/db/queries/connections";
import { ApiError } from "@/lib/api/errors";
import { getProvider } from "@/lib/providers";
import { ensureFreshToken, marginMs } from "./ensure-fresh-token";
import { logError } from "@/lib/log";

export type CronResult = { checked: number; refreshed: number; failed: number; skipped: number };

/**
 * Proactive refresh (Vercel Cron): refresh connections that expire within twice the margin,
 * through the same leased path as /tokens/fetch, one at a time (a provider is never
 * stormed). Dead connections are skipped by the query (needs_reauth) and failing ones by
 * their back-off (next_refresh_at), so a broken provider is not retried every run.
 */
export async function refreshDueConnections(db: Db, opts: { limit?: number; now?: Date } = {}): Promise<CronResult> {
  const now = opts.now ?? new Date();
  const due = await listRefreshDue(db, now, new Date(now.getTime() + 2 * marginMs()), opts.limit ?? 50);
  const result: CronResult = { checked: due.length, refreshed: 0, failed: 0, skipped: 0 };
  for (const row of due) {
    const provider = getProvider(row.provider);
    if (provider?.authType !== "oauth2") {
      result.skipped++;
      continue;
    }
    try {
      const before = row.expiresAt?.getTime();
      const fresh = await ensureFreshToken(db, provider, row, { marginMs: 2 * marginMs() });
      if (fresh.expiresAt?.getTime() !== before) result.refreshed++;
      else result.skipped++;
    } catch (err) {
      if (!(err instanceof ApiError)) logError("cron.refresh", err, { connectionId: row.id });
      result.failed++;
    }
  }
  return result;
}
