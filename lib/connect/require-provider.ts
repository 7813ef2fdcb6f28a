import { ApiError } from "@/lib/api/errors";
import { getProvider, type Provider } from "@/lib/providers";

/** The catalog entry for a code from a request, or UNKNOWN_PROVIDER (the code is never echoed raw). */
export function requireProvider(code: string): Provider {
  const provider = getProvider(code);
  if (!provider) {
    const shown = /^[a-z0-9-]{1,40}$/.test(code) ? `"${code}" is not` : "That is not";
    throw new ApiError("UNKNOWN_PROVIDER", `${shown} a provider code Akhrot knows. List the codes with GET /ai/context/summary.`);
  }
  return provider;
}
