/** OrgError (the org domain's error) → the tRPC code the dashboard understands; the message is the domain's own. */
import { TRPCError } from "@trpc/server";
import { OrgError } from "@/lib/orgs/org-error";

const codes = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_ALLOWED: "METHOD_NOT_SUPPORTED",
  DUPLICATE_CONSTRAINT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

export async function orgCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof OrgError) throw new TRPCError({ code: codes[e.code], message: e.message });
    throw e;
  }
}
