/**
 * The error body of the service API and organization management families, AuthOS's exactly
 * (AUTHOS-SERVICE-API.md §1.2): `{"error": message, "error_code": CODE, "timestamp": RFC 3339}`.
 * The SDK recognises an error only when all three are present, so EVERY failure path of these
 * families goes through here: domain errors, malformed bodies, unknown routes, crashes.
 */
import { ApiError } from "@/lib/api/errors";
import { jsonReply, toResponse, type Reply } from "@/lib/api/respond";
import { OrgError, type OrgErrorCode } from "@/lib/orgs/org-error";
import { logError } from "@/lib/log";

export type ServiceErrorBody = { error: string; error_code: OrgErrorCode; timestamp: string };

/** chrono's `to_rfc3339()` writes the UTC offset as `+00:00`, not `Z`. */
export function rfc3339Now(now = new Date()): string {
  return now.toISOString().replace(/Z$/, "+00:00");
}

export function serviceErrorBody(code: OrgErrorCode, message: string, now = new Date()): ServiceErrorBody {
  return { error: message, error_code: code, timestamp: rfc3339Now(now) };
}

const byStatus: Record<number, OrgErrorCode> = { 400: "BAD_REQUEST", 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND", 429: "TOO_MANY_REQUESTS" };

/** Anything thrown → the AuthOS error answer. Unknown errors are logged (redacted) and answered with a generic 500. */
export function serviceErrorReply(err: unknown): Reply {
  if (err instanceof OrgError) return jsonReply(serviceErrorBody(err.code, err.message), err.status, err.headers);
  // Shared helpers (body reader) throw the agent family's ApiError: keep the status and message, speak AuthOS's codes.
  if (err instanceof ApiError) return jsonReply(serviceErrorBody(byStatus[err.status] ?? "INTERNAL_SERVER_ERROR", err.message), err.status, err.headers);
  logError("service-api", err);
  return jsonReply(serviceErrorBody("INTERNAL_SERVER_ERROR", "Internal server error"), 500);
}

export function toServiceErrorResponse(err: unknown): Response {
  return toResponse(serviceErrorReply(err));
}
