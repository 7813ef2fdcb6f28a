/**
 * The one error the organization/service domain throws. Its codes are AuthOS's error codes
 * (AUTHOS-SERVICE-API.md §1.2) because both REST families built on this domain speak them;
 * the envelope, headers and casing are the adapters' business (lib/service-api, lib/trpc).
 */
export const orgErrorStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  DUPLICATE_CONSTRAINT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
} as const;

export type OrgErrorCode = keyof typeof orgErrorStatus;

export class OrgError extends Error {
  override name = "OrgError";
  constructor(
    readonly code: OrgErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return orgErrorStatus[this.code];
  }
}

export const notFound = (what: string) => new OrgError("NOT_FOUND", what);
export const badRequest = (message: string) => new OrgError("BAD_REQUEST", message);
export const forbidden = (message: string) => new OrgError("FORBIDDEN", message);
