import * as oauth from "oauth4webapi";
import { providerMessage, sanitise } from "./provider-message";

/**
 * How a failed provider call is classified. `rejected`: the provider said the user's grant
 * is dead (`invalid_grant`: revoked, expired or reused refresh token) — re-authorization is
 * needed. Everything else is `transient` and leaves stored credentials untouched: timeouts,
 * network errors, 5xx, garbage, and also operator-side faults such as `invalid_client` (a
 * wrong client secret must not mark every user's connection for re-authorization).
 */
export type ProviderFailure = {
  kind: "rejected" | "transient";
  error: string;
  status?: number;
  /** The provider's own explanation (`error_description` or similar), sanitised and capped. */
  description?: string;
};

/** `invalid_grant: Token has been expired or revoked.`: what the agent and the dashboard show. */
export function describeFailure(failure: ProviderFailure): string {
  return failure.description && failure.description !== failure.error ? `${failure.error}: ${failure.description}` : failure.error;
}

export function classifyProviderError(err: unknown): ProviderFailure {
  if (err instanceof oauth.ResponseBodyError) {
    const description = err.error_description ? sanitise(err.error_description) : providerMessage(err.cause);
    return { kind: err.error === "invalid_grant" ? "rejected" : "transient", error: sanitise(err.error), status: err.status, ...(description ? { description } : {}) };
  }
  if (err instanceof oauth.WWWAuthenticateChallengeError) {
    // A 401 with WWW-Authenticate at the token endpoint: the client credentials were refused.
    return { kind: "transient", error: "invalid_client", status: err.status };
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
