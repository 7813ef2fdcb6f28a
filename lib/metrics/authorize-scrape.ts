import { createHash, timingSafeEqual } from "node:crypto";

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * `Authorization: Bearer <METRICS_TOKEN>`? The two values are compared as SHA-256 digests in
 * constant time, so neither the token's content nor its length leaks through timing.
 */
export function scrapeAuthorized(authorization: string | null, token: string): boolean {
  const sent = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(sent), digest(token));
}
