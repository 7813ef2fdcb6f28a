/**
 * A stand-in for `new SsoClient({ baseURL, apiKey }).serviceApi` from @drmhse/sso-sdk (not
 * installable here), written to send the same requests the SDK sends (AUTHOS-SERVICE-API.md
 * §2, sso-sdk/src/http.ts and modules/serviceApi.ts): native fetch; headers Content-Type:
 * application/json and X-Api-Key on every request; bodies JSON.stringify'd only when truthy;
 * list query parameters only when truthy (so `offset: 0` is never sent); `scopes ?? []` on
 * provider tokens; a JSON body parsed only when the response says application/json; and
 * errors as SsoApiError, with AuthOS's fields only when error, error_code and timestamp are all there.
 */

export class SsoApiError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly errorCode: string,
    readonly timestamp: string,
  ) {
    super(message);
    this.name = "SsoApiError";
  }
  is(code: string): boolean {
    return this.errorCode === code;
  }
  isAuthError(): boolean {
    return this.statusCode === 401 || this.errorCode === "UNAUTHORIZED" || this.errorCode === "TOKEN_EXPIRED";
  }
  isForbidden(): boolean {
    return this.statusCode === 403 || this.errorCode === "FORBIDDEN";
  }
  isNotFound(): boolean {
    return this.statusCode === 404 || this.errorCode === "NOT_FOUND";
  }
}

type Json = Record<string, unknown>;

class Http {
  constructor(
    private baseURL: string,
    private apiKey: string,
    private timeout = 30_000,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.baseURL.replace(/\/$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeout);
    try {
      const res = await fetch(url, {
        method,
        headers: { "Content-Type": "application/json", "X-Api-Key": this.apiKey },
        body: typeof body === "string" ? body : body ? JSON.stringify(body) : undefined,
        signal: controller.signal,
      });
      clearTimeout(timer);
      let data: unknown;
      if (res.headers.get("content-type")?.includes("application/json")) data = await res.json();
      else data = (await res.text()) || undefined;
      if (!res.ok) {
        const d = (data && typeof data === "object" ? data : {}) as Json;
        if (d.error_code && d.error && d.timestamp) throw new SsoApiError(String(d.error), res.status, String(d.error_code), String(d.timestamp));
        throw new SsoApiError(typeof d.message === "string" ? d.message : `HTTP ${res.status}: ${res.statusText}`, res.status, "UNKNOWN_ERROR", new Date().toISOString());
      }
      return data as T;
    } catch (err) {
      clearTimeout(timer);
      if (err instanceof SsoApiError) throw err;
      if (err instanceof Error && err.name === "AbortError") throw new SsoApiError("Request timeout", 408, "TIMEOUT", new Date().toISOString());
      if (err instanceof TypeError && err.message.includes("fetch")) throw new SsoApiError("Network error - unable to reach the server", 0, "NETWORK_ERROR", new Date().toISOString());
      throw new SsoApiError(err instanceof Error ? err.message : "An unexpected error occurred", 500, "UNKNOWN_ERROR", new Date().toISOString());
    }
  }
}

function pageQuery(params?: { limit?: number; offset?: number }): string {
  const q = new URLSearchParams();
  if (params?.limit) q.set("limit", params.limit.toString());
  if (params?.offset) q.set("offset", params.offset.toString());
  return q.toString() ? `?${q.toString()}` : "";
}

export type ServiceApiUser = { id: string; email: string; created_at: string };
export type ServiceApiSubscription = { id: string; user_id: string; plan_id: string; plan_name: string; status: string; current_period_end: string };
export type ServiceApiInfo = { id: string; name: string; slug: string; service_type: string; created_at: string };
export type ProviderTokenRequest = { user_id: string; provider: string; scopes?: string[]; redirect_uri?: string; state?: string };

/** The 14 methods of the SDK's ServiceApiModule. */
export function serviceApiClient(baseURL: string, apiKey: string) {
  const http = new Http(baseURL, apiKey);
  return {
    listUsers: (params?: { limit?: number; offset?: number }) => http.request<{ users: ServiceApiUser[]; total: number }>("GET", `/api/service/users${pageQuery(params)}`),
    getUser: (userId: string) => http.request<ServiceApiUser>("GET", `/api/service/users/${userId}`),
    createUser: (request: { email: string }) => http.request<ServiceApiUser>("POST", "/api/service/users", request),
    updateUser: (userId: string, request: { email?: string }) => http.request<ServiceApiUser>("PATCH", `/api/service/users/${userId}`, request),
    deleteUser: async (userId: string): Promise<void> => {
      await http.request("DELETE", `/api/service/users/${userId}`);
    },
    listSubscriptions: (params?: { limit?: number; offset?: number }) => http.request<{ subscriptions: ServiceApiSubscription[]; total: number }>("GET", `/api/service/subscriptions${pageQuery(params)}`),
    getSubscription: (userId: string) => http.request<ServiceApiSubscription>("GET", `/api/service/subscriptions/${userId}`),
    createSubscription: (request: { user_id: string; plan_id: string; status?: string; current_period_end?: string }) => http.request<ServiceApiSubscription>("POST", "/api/service/subscriptions", request),
    updateSubscription: (userId: string, request: { status?: string; current_period_end?: string }) => http.request<ServiceApiSubscription>("PATCH", `/api/service/subscriptions/${userId}`, request),
    deleteSubscription: async (userId: string): Promise<void> => {
      await http.request("DELETE", `/api/service/subscriptions/${userId}`);
    },
    getAnalytics: () => http.request<{ total_users: number; active_subscriptions: number } & Json>("GET", "/api/service/analytics"),
    getServiceInfo: () => http.request<ServiceApiInfo>("GET", "/api/service/info"),
    updateServiceInfo: (request: { name?: string }) => http.request<ServiceApiInfo>("PATCH", "/api/service/info", request),
    requestProviderToken: (request: ProviderTokenRequest) => http.request<Json>("POST", "/api/service/provider-tokens", { ...request, scopes: request.scopes ?? [] }),
  };
}
