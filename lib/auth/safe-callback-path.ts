/**
 * Where to go after signing in. Only same-site paths are accepted ("/dashboard/keys"), so a
 * crafted link cannot bounce a fresh session to another site ("//evil.example", "https://…").
 */
export function safeCallbackPath(value: unknown, fallback = "/dashboard"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  return value;
}
