import { getDb } from "@/db";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { json } from "@/lib/api/respond";
import { safeEqual } from "@/lib/crypto";
import { env } from "@/lib/env";
import { refreshDueConnections } from "@/lib/tokens/refresh-due-connections";

// GET /api/cron/refresh – Vercel Cron: refresh OAuth tokens that expire soon (Authorization: Bearer $CRON_SECRET).
export async function GET(req: Request) {
  try {
    const secret = env().CRON_SECRET;
    if (!secret) throw new ApiError("FORBIDDEN", "Proactive refresh is off: set CRON_SECRET to enable it.");
    if (!safeEqual(req.headers.get("authorization") ?? "", `Bearer ${secret}`)) {
      throw new ApiError("UNAUTHORIZED", "Send Authorization: Bearer $CRON_SECRET.", {}, { "www-authenticate": 'Bearer realm="akhrot-cron"' });
    }
    return json(await refreshDueConnections(await getDb()));
  } catch (err) {
    return toErrorResponse(err);
  }
}
