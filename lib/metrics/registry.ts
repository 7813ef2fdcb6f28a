/**
 * The process's Prometheus metrics (prom-client). One registry per process, kept on globalThis:
 * `npm start`'s fast path (built by instrumentation.ts) and Next's route bundles each import
 * this module, and without the global they would count into separate registries and /metrics
 * would miss the fast path. Labels are bounded sets (route templates, catalog codes, error
 * codes): never raw paths or provider-sent strings.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: "akhrot_http_requests_total", help: "HTTP requests answered, by route template, method and status", labelNames: ["route", "method", "status"] as const, registers }),
    httpDuration: new Histogram({
      name: "akhrot_http_request_duration_seconds",
      help: "Time to answer, by route template and method",
      labelNames: ["route", "method"] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    tokenFetches: new Counter({ name: "akhrot_token_fetches_total", help: "POST /tokens/fetch answers, by provider and outcome (success or the error code)", labelNames: ["provider", "outcome"] as const, registers }),
    refreshes: new Counter({ name: "akhrot_token_refreshes_total", help: "OAuth token refreshes attempted at the provider, by provider and outcome", labelNames: ["provider", "outcome"] as const, registers }),
    refreshFailures: new Counter({ name: "akhrot_token_refresh_failures_total", help: "Failed OAuth token refreshes, by provider and reason", labelNames: ["provider", "reason"] as const, registers }),
    rateLimited: new Counter({ name: "akhrot_rate_limited_total", help: "Requests refused by a rate limiter, by limiter", labelNames: ["limiter"] as const, registers }),
    limiterDegraded: new Counter({ name: "akhrot_rate_limiter_degraded_total", help: "Limiter calls answered by the fail mode because the backend was unreachable", labelNames: ["limiter", "mode"] as const, registers }),
    needsReauth: new Gauge({ name: "akhrot_connections_needing_reauth", help: "Connections marked for re-authorization, by provider (read from the database at scrape time)", labelNames: ["provider"] as const, registers }),
  };
}

export type Metrics = ReturnType<typeof create>;
const holder = globalThis as typeof globalThis & { __akhrotMetrics?: Metrics };

export function metrics(): Metrics {
  holder.__akhrotMetrics ??= create();
  return holder.__akhrotMetrics;
}
