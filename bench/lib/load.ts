import autocannon, { type Result } from "autocannon";
import type { ServiceWorkload } from "./seed-service";
import type { Workload } from "./seed";

export const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
export const DURATION = Number(process.env.DURATION ?? 20);

/** One hot route's request stream: a path and, per request, its headers and body. */
export type Route = { name: string; path: string; next: (i: number) => { headers: Record<string, string>; body: string } };

/** POST /tokens/fetch for random valid keys and providers. */
export function tokenFetchRoute(workload: Workload): Route {
  return {
    name: "POST /tokens/fetch",
    path: "/tokens/fetch",
    next: (i) => {
      // A cheap deterministic spread over users and providers (Math.random would cost the generator CPU).
      const entry = workload[(i * 7919) % workload.length];
      const provider = entry?.providers[i % (entry?.providers.length ?? 1)] ?? "google";
      return { headers: { authorization: `Bearer ${entry?.key ?? ""}`, "content-type": "application/json" }, body: `{"provider":"${provider}"}` };
    },
  };
}

/** POST /api/service/provider-tokens for random linked end users and granted providers, one service key. */
export function providerTokensRoute(w: ServiceWorkload): Route {
  return {
    name: "POST /api/service/provider-tokens",
    path: "/api/service/provider-tokens",
    next: (i) => {
      const user = w.users[(i * 7919) % w.users.length];
      const provider = user?.providers[i % (user?.providers.length ?? 1)] ?? "google";
      return { headers: { "x-api-key": w.serviceKey, "content-type": "application/json" }, body: `{"user_id":"${user?.id ?? ""}","provider":"${provider}"}` };
    },
  };
}

/** `route` at fixed concurrency for a fixed duration. */
export function drive(baseUrl: string, route: Route, duration = DURATION, connections = CONCURRENCY): Promise<Result> {
  let i = 0;
  return autocannon({
    url: baseUrl,
    connections,
    duration,
    requests: [{ method: "POST", path: route.path, setupRequest: (req) => ({ ...req, ...route.next(i++) }) }],
  });
}

export function driveTokenFetch(baseUrl: string, workload: Workload, duration = DURATION): Promise<Result> {
  return drive(baseUrl, tokenFetchRoute(workload), duration);
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
