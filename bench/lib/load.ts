import autocannon, { type Result } from "autocannon";
import type { Workload } from "./seed";

export const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
export const DURATION = Number(process.env.DURATION ?? 20);

/** POST /tokens/fetch for random valid keys and providers, fixed concurrency, fixed duration. */
export function driveTokenFetch(baseUrl: string, workload: Workload, duration = DURATION): Promise<Result> {
  let i = 0;
  return autocannon({
    url: baseUrl,
    connections: CONCURRENCY,
    duration,
    requests: [
      {
        method: "POST",
        path: "/tokens/fetch",
        setupRequest: (req) => {
          // A cheap deterministic spread over users and providers (Math.random would cost the generator CPU).
          const entry = workload[(i++ * 7919) % workload.length];
          const provider = entry?.providers[i % (entry?.providers.length ?? 1)] ?? "google";
          return { ...req, headers: { authorization: `Bearer ${entry?.key ?? ""}`, "content-type": "application/json" }, body: `{"provider":"${provider}"}` };
        },
      },
    ],
  });
}

export function describe(name: string, r: Result, peakRssMb?: number): string {
  return [
    `${name}: ${r.requests.average.toFixed(0)} req/s`,
    `p50 ${r.latency.p50} ms`,
    `p99 ${r.latency.p99} ms`,
    `errors ${r.errors + r.timeouts + r.non2xx} (non-2xx ${r.non2xx}, timeouts ${r.timeouts})`,
    `total ${r.requests.total}`,
    ...(peakRssMb !== undefined ? [`peak RSS ${peakRssMb} MB`] : []),
  ].join("  ");
}
