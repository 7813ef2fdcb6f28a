/**
 * Where to go after signing in. Only same-origin paths are accepted ("/dashboard/keys"), so a
 * crafted link cannot bounce a fresh session to another site. Browsers strip tabs and
 * newlines from URLs and read "\" as "/", so "/\t/evil.example" becomes "//evil.example"
 * (S13): the value is parsed the way a browser would, anything with a control character or
 * whitespace is refused outright, and the answer is the NORMALISED path + query, never the
 * raw input.
 */
const PROBE_ORIGIN = "http://akhrot.invalid";

export function safeCallbackPath(value: unknown, fallback = "/dashboard"): string {
  if (typeof value !== "string" || value.length > 2048) return fallback;
  // C0 controls, DEL, C1 controls and every Unicode space: none belongs in a path we redirect to.
  if (/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(value)) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const normalised = `${url.pathname}${url.search}`;
  // A path that normalises to "//host" would be read as another origin by the next parser.
  if (normalised.startsWith("//")) return fallback;
  return normalised;
}
