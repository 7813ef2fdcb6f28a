import { getProvider } from "@/lib/providers";
import { metrics } from "./registry";

/** A catalog code, or "unknown": agent-sent strings never become label values. */
export function providerLabel(code: string | undefined): string {
  return code && getProvider(code) ? code : "unknown";
}

export function recordRequest(route: string, method: string, status: number, seconds: number): void {
  const m = metrics();
  m.httpRequests.inc({ route, method, status: String(status) });
  m.httpDuration.observe({ route, method }, seconds);
}

export function recordTokenFetch(provider: string | undefined, outcome: string): void {
  metrics().tokenFetches.inc({ provider: providerLabel(provider), outcome });
}

const KNOWN_REASONS = new Set(["invalid_grant", "timeout", "network_error", "invalid_response", "invalid_client", "no_refresh_token"]);

export function recordRefresh(provider: string, outcome: "success" | "failure", reason?: string): void {
  const m = metrics();
  m.refreshes.inc({ provider: providerLabel(provider), outcome });
  if (outcome === "failure") m.refreshFailures.inc({ provider: providerLabel(provider), reason: reason && KNOWN_REASONS.has(reason) ? reason : "provider_error" });
}

export function recordRateLimited(limiter: string): void {
  metrics().rateLimited.inc({ limiter });
}

export function recordLimiterDegraded(limiter: string, mode: string): void {
  metrics().limiterDegraded.inc({ limiter, mode });
}
