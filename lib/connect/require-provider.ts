import { ApiError } from "@/lib/api/errors";
import { getProvider, providerCodes, type Provider } from "@/lib/providers";

/** Edit distance, capped: enough to catch a typo like "gogle" or "git-hub". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? Number.POSITIVE_INFINITY;
}

export function closestProviderCode(code: string): string | undefined {
  const lower = code.toLowerCase();
  let best: { code: string; d: number } | undefined;
  for (const c of providerCodes) {
    const d = distance(lower, c);
    if (d <= 2 && (!best || d < best.d)) best = { code: c, d };
  }
  return best?.code;
}

/** The catalog entry for a code from a request, or UNKNOWN_PROVIDER (the code is never echoed raw). */
export function requireProvider(code: string): Provider {
  const provider = getProvider(code);
  if (!provider) {
    // Only a plain lower-case slug is quoted back; any short alphanumeric code may get a suggestion.
    const shown = /^[a-z0-9-]{1,40}$/.test(code) ? `"${code}" is not` : "That is not";
    const hint = /^[A-Za-z0-9-]{1,40}$/.test(code) ? closestProviderCode(code) : undefined;
    throw new ApiError("UNKNOWN_PROVIDER", `${shown} a provider code Akhrot knows.${hint ? ` Did you mean "${hint}"?` : ""} List the codes with GET /ai/context/summary.`);
  }
  return provider;
}
