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

/**
 * Stricter check for the hosted connect pages' form posts (S1: a cross-site auto-submitted
 * form must not arm a flow). Browsers send `Sec-Fetch-Site` on every request: anything but
 * `same-origin` (or `none`, a typed URL) is refused, including `same-site` (a sibling
 * subdomain is another tenant's page). An Origin must name this instance; `null` is refused.
 * A request with neither header falls through to the per-render CSRF token, which is always
 * required as well.
 */
export function isSameOriginFormPost(req: Request, appUrl?: string): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  // The connect pages are Referrer-Policy: no-referrer, and browsers then send `Origin: null` on
  // their own form posts (Fetch, "serializing a request origin"). `Sec-Fetch-Site` (which page
  // script cannot set) already said same-origin, so that null is ours.
  if (site !== null && req.headers.get("origin") === "null") return true;
  return isSameOriginRequest(req, appUrl);
}
