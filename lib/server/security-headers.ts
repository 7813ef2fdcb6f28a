/**
 * The headers every response carries (next.config.ts applies them to Next's responses; the
 * Node fast path adds the same list to its own).
 *
 * Scripts (S17): every HTML page gets `pageCsp()` from proxy.ts, a fresh nonce per request with
 * 'strict-dynamic', so only the scripts Next renders (and what they load) run; an injected
 * inline script or `<script src>` does not. The static policy here is what every response
 * carries; it still allows inline scripts for what the proxy does not see (Next's prerendered
 * error pages). Where both arrive, a browser enforces both, so the page policy decides. No form-action: Chrome applies it
 * to the redirect after a form POST, and the connect form's POST answers with a redirect to the
 * provider (any of the catalog's, or an MCP client's redirect URI after consent).
 */
const COMMON_DIRECTIVES = [
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
];

/** The policy of an HTML page rendered with `nonce` (React needs eval only in development). */
export function pageCsp(nonce: string, production: boolean): string {
  return ["default-src 'self'", `script-src 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`, ...COMMON_DIRECTIVES].join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function securityHeaders(production: boolean): { key: string; value: string }[] {
  const csp = ["default-src 'self'", `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`, ...COMMON_DIRECTIVES].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    // A page opened from another site gets no handle on our window (and we none on theirs).
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
