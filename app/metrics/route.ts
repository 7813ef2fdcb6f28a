import { getDb } from "@/db";
import { instrumented } from "@/lib/api/instrumented";
import { env } from "@/lib/env";
import { scrapeMetrics } from "@/lib/metrics";
import { scrapeAuthorized } from "@/lib/metrics/authorize-scrape";

export const dynamic = "force-dynamic";

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers } });

// GET /metrics – Prometheus exposition, for a scraper holding METRICS_TOKEN. Without the
// variable the endpoint does not exist (404), so an instance exposes nothing by default.
export const GET = instrumented(async (req: Request) => {
  const token = env().METRICS_TOKEN;
  if (!token) return plain(404, "Not Found");
  if (!scrapeAuthorized(req.headers.get("authorization"), token)) {
    return plain(401, "Send Authorization: Bearer $METRICS_TOKEN.", { "www-authenticate": 'Bearer realm="akhrot-metrics"' });
  }
  const { contentType, body } = await scrapeMetrics(await getDb());
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
