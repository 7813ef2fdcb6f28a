import type { ApiKeyUsage, ProviderApi } from "../provider-schema";

/** API-key providers state how to send the key once (`usage`); `api` is the same facts in the common shape. */
export function apiFromUsage(usage: ApiKeyUsage): ProviderApi {
  const api = { baseUrl: usage.baseUrl, auth: { header: usage.header, format: usage.format } };
  return usage.extraHeaders === undefined ? api : { ...api, extraHeaders: usage.extraHeaders };
}
