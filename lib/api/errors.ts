/**
 * The public error model (DESIGN.md): one closed map of codes to HTTP statuses, one
 * `ApiError`, and one function that turns anything thrown into the envelope.
 */
import { logError, redact } from "@/lib/log";
import { MissingKeyError } from "@/lib/crypto/secret-box";
import { jsonReply, toResponse, type Reply } from "./respond";

export const errorStatus = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INVALID_REQUEST: 400,
  UNKNOWN_PROVIDER: 400,
  PROVIDER_NOT_CONFIGURED: 503,
  INTEGRATION_NOT_FOUND: 404,
  NOT_FOUND: 404,
  INSUFFICIENT_SCOPE: 403,
  TOKEN_EXPIRED: 400,
  SESSION_EXPIRED: 400,
  PROVIDER_ERROR: 502,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type ErrorBody = {
  error: { code: ErrorCode; message: string; provider?: string } & Record<string, unknown>;
};

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra envelope fields (`provider`, `missingScopes`, …): never secrets. */
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function errorBody(err: ApiError): ErrorBody {
  return { error: { code: err.code, message: err.message, ...err.extra } };
}

const GENERIC = new ApiError("INTERNAL_ERROR", "Something went wrong on the Akhrot server. Retry in a moment; if it persists, tell the instance operator.");

/**
 * Anything thrown → (status, body, headers). Unknown errors are logged through `logError`
 * (name, code, redacted message: never request bodies or tokens) and answered with a generic 500.
 */
const MISSING_KEY = new ApiError(
  "INTERNAL_ERROR",
  "This credential is encrypted under a key this Akhrot instance does not have configured, so it cannot be read. Tell the instance operator: `npm run akhrot -- encryption status` names the missing key id; add that key to AKHROT_ENCRYPTION_KEYS_OLD.",
);

export function errorReply(err: unknown): Reply {
  if (err instanceof MissingKeyError) {
    logError("crypto.missing-key", err, { keyId: err.keyId, fix: "add that key to AKHROT_ENCRYPTION_KEYS_OLD (npm run akhrot -- encryption status lists every key id in use)" });
    return jsonReply(errorBody(MISSING_KEY), MISSING_KEY.status);
  }
  const apiError = err instanceof ApiError ? err : GENERIC;
  if (!(err instanceof ApiError)) logError("api", err);
  return jsonReply(errorBody(apiError), apiError.status, apiError.headers);
}

export function toErrorResponse(err: unknown): Response {
  return toResponse(errorReply(err));
}

/** Text redaction lives with the logger; re-exported for the callers that mask messages. */
export { redact };
