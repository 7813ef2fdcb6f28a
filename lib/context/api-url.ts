/** Base URL without trailing slashes, so `${base}/path` never doubles or drops a slash. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, "");
}

/** Absolute URL of an Akhrot route (`path` starts with `/`). */
export function apiUrl(baseUrl: string, path: string): string {
  return `${normalizeBaseUrl(baseUrl)}${path.startsWith("/") ? path : `/${path}`}`;
}
