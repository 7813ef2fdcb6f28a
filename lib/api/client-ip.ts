/**
 * The client's address for per-IP limits. Minimal stand-in with the agreed signature: the
 * trust-auth branch owns this file and replaces it with a trusted-proxy-aware version.
 */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || "unknown";
}
