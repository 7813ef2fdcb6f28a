import { env } from "@/lib/env";

/** This instance's public base URL: APP_URL when set, else the request's own origin (asked for only then). No trailing slash. */
export function baseUrlOr(origin: () => string): string {
  const configured = env().APP_URL;
  return configured ? configured.replace(/\/+$/, "") : origin();
}

/** This instance's public base URL: APP_URL when set, else the request's own origin. No trailing slash. */
export function baseUrl(req?: Request): string {
  return baseUrlOr(() => (req ? new URL(req.url).origin : "http://localhost:3000"));
}
