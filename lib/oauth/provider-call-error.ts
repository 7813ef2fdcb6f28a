import * as oauth from "oauth4webapi";

/**
 * How a failed provider call is classified. `rejected`: the provider said no for good
 * (invalid_grant and friends) — re-authorization is needed. `transient`: timeout, network,
 * 5xx, garbage — stored credentials stay untouched and the caller may retry later.
 */
export type ProviderFailure = { kind: "rejected" | "transient"; error: string; status?: number };

const PERMANENT = new Set(["invalid_grant", "invalid_client", "unauthorized_client", "invalid_scope", "access_denied"]);

export function classifyProviderError(err: unknown): ProviderFailure {
  if (err instanceof oauth.ResponseBodyError) {
    const permanent = PERMANENT.has(err.error) || (err.status >= 400 && err.status < 500 && err.status !== 429 && err.status !== 408);
    return { kind: permanent ? "rejected" : "transient", error: err.error, status: err.status };
  }
  if (err instanceof oauth.OperationProcessingError) {
    const status = (err.cause as { status?: unknown } | undefined)?.status;
    return { kind: "transient", error: "invalid_response", status: typeof status === "number" ? status : undefined };
  }
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) return { kind: "transient", error: "timeout" };
  return { kind: "transient", error: "network_error" };
}

export class ProviderCallError extends Error {
  override name = "ProviderCallError";
  constructor(readonly failure: ProviderFailure) {
    super(`provider call failed: ${failure.error}${failure.status ? ` (HTTP ${failure.status})` : ""}`);
  }
}
