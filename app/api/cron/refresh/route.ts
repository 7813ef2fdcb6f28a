import { getDb } from "@/db";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { json } from "@/lib/api/respond";
import { purgeAbandonedSessions } from "@/lib/connect/purge-abandoned-sessions";
import { deleteExpiredMcpOauthRecords } from "@/db/queries/mcp-oauth";
import { safeEqual } from "@/lib/crypto";
import { env } from "@/lib/env";
import { refreshDueConnections } from "@/lib/tokens/refresh-due-connections";
import { deliverDueWebhooks } from "@/lib/webhooks";

// GET /api/cron/refresh – Vercel Cron: refresh OAuth tokens that expire soon and drop abandoned
// connect sessions' encrypted state, send due webhook deliveries (Authorization: Bearer $CRON_SECRET).
export async function GET(req: Request) {
  try {
    const secret = env().CRON_SECRET;
    if (!secret) throw new ApiError("FORBIDDEN", "Proactive refresh is off: set CRON_SECRET to enable it.");
    if (!safeEqual(req.headers.get("authorization") ?? "", `Bearer ${secret}`)) {
      throw new ApiError("UNAUTHORIZED", "Send Authorization: Bearer $CRON_SECRET.", {}, { "www-authenticate": 'Bearer realm="akhrot-cron"' });
    }
    const db = await getDb();
    const refresh = await refreshDueConnections(db);
    const sessionsCleared = await purgeAbandonedSessions(db);
    // Expired MCP OAuth records (codes, tokens, interactions) are never read again; the sweep keeps the table small.
    const mcpOauthRecordsCleared = await deleteExpiredMcpOauthRecords(db, new Date());
    return json({ ...refresh, sessionsCleared, mcpOauthRecordsCleared, webhooks: await deliverDueWebhooks(db) });
  } catch (err) {
    return toErrorResponse(err);
  }
}
