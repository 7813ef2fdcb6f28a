import type { Db } from "@/db";
import { countNeedingReauthByProvider } from "@/db/queries/metrics";
import { AggregatorRegistry } from "prom-client";
import { frontLink } from "@/lib/server/front-link";
import { metrics } from "./registry";

/** The Prometheus exposition: the re-auth gauge is read from the database now, the rest is in memory. */
export async function scrapeMetrics(db: Db): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const rows = await countNeedingReauthByProvider(db);
  m.needsReauth.reset();
  for (const r of rows) m.needsReauth.set({ provider: r.provider }, Number(r.n));
  const link = frontLink();
  if (!link) return { contentType: m.registry.contentType, body: await m.registry.metrics() };
  // `npm start` on Postgres: the front thread's counters (the hot routes it answers) are added to
  // this thread's. Process-wide figures (CPU, RSS) are already in this thread's default metrics.
  const merged = AggregatorRegistry.aggregate([await m.registry.getMetricsAsJSON(), await link.metrics()]);
  return { contentType: m.registry.contentType, body: await merged.metrics() };
}
