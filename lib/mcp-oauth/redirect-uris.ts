/**
 * Which redirect URIs an MCP client may register: https anywhere, plain http only on a loopback
 * address (CLI and desktop clients listen on 127.0.0.1 or localhost), and private-use schemes
 * (`cursor://…`) for native apps. Never javascript:, data:, file: or other browser-dangerous
 * schemes. Matching at authorization time is exact (oidc-provider).
 */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const FORBIDDEN = new Set(["javascript:", "data:", "file:", "blob:", "about:", "vbscript:", "ftp:", "ws:", "wss:"]);

export function isAllowedRedirectUri(uri: string): boolean {
  const url = URL.parse(uri);
  if (!url || url.hash) return false;
  if (url.protocol === "https:") return url.hostname !== "";
  if (url.protocol === "http:") return LOOPBACK.has(url.hostname);
  return !FORBIDDEN.has(url.protocol) && /^[a-z][a-z0-9+.-]*:$/.test(url.protocol);
}

/** The host (or scheme, for a private-use URI) a human should recognise on the consent page. */
export function redirectHost(uri: string | undefined): string {
  const url = uri ? URL.parse(uri) : null;
  if (!url) return "unknown";
  return url.host || `${url.protocol}//`;
}
