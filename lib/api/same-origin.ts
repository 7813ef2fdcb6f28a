/**
 * Cross-site request check for the dashboard API. The session cookie is SameSite=Lax, which
 * already keeps it off cross-site POSTs; this is the second lock: a browser always sends
 * Origin on a cross-origin POST, so an Origin naming another site is refused.
 */
export function isSameOriginRequest(req: Request, appUrl?: string): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true; // non-browser clients and same-origin navigations may omit it
  let originHost: string;
  try {
    const parsed = new URL(origin);
    if (appUrl && parsed.origin === new URL(appUrl).origin) return true;
    originHost = parsed.host;
  } catch {
    return false; // "null" (sandboxed frames, file://) or garbage
  }
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host") || new URL(req.url).host;
  return originHost === host;
}
