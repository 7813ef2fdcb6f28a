import { env } from "@/lib/env";

/** This instance's public base URL: APP_URL when set, else the request's own origin. No trailing slash. */
export function baseUrl(req?: Request): string {
  const configured = env().APP_URL;
  if (configured) return configured.replace(/\/+$/, "");
  if (req) return new URL(req.url).origin;
  return "http://localhost:3000";
}
