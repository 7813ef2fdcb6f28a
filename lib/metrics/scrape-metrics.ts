import type { Db } from "@/db";
import { countNeedingReauthByProvider } from "@/db/queries/metrics";
import { metrics } from "./registry";

/** The Prometheus exposition: the re-auth gauge is read from the database now, the rest is in memory. */
export async function scrapeMetrics(db: Db): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const rows = await countNeedingReauthByProvider(db);
  m.needsReauth.reset();
  for (const r of rows) m.needsReauth.set({ provider: r.provider }, Number(r.n));
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
