/**
 * The wrapper every `/api/service/*` route goes through (the service family's lib/api/route.ts):
 * `X-Api-Key` → service principal, the per-key rate limit (429 TOO_MANY_REQUESTS +
 * Retry-After), the route's permission, then the handler; anything thrown becomes AuthOS's
 * error body. Handlers always scope by the principal's service, never by anything in the request.
 */
import { getDb, openedDb, type Db } from "@/db";
import { json } from "@/lib/api/respond";
import { limitApi } from "@/lib/ratelimit";
import { OrgError } from "@/lib/orgs/org-error";
import { assertPermission, authenticateServiceKey, type ServicePrincipal } from "@/lib/service-keys/authenticate-service-key";
import type { ServiceScope } from "@/lib/end-users/service-users";
import { serviceErrorBody, toServiceErrorResponse } from "./envelope";

type RouteContext<P> = { params: Promise<P> };
export type ServiceCtx<P> = { req: Request; params: P; db: Db; principal: ServicePrincipal; scope: ServiceScope };

async function enforceKeyLimit(keyId: string): Promise<Record<string, string>> {
  const limited = limitApi(`svc:${keyId}`);
  const r = limited instanceof Promise ? await limited : limited;
  const headers = { "x-ratelimit-limit": String(r.limit), "x-ratelimit-remaining": String(r.remaining), "x-ratelimit-reset": String(Math.ceil(r.reset / 1000)) };
  if (!r.success) {
    const retryAfter = String(Math.max(1, Math.ceil((r.reset - Date.now()) / 1000)));
    throw new OrgError("TOO_MANY_REQUESTS", `Too many requests for this API key (limit ${r.limit} per minute); retry after ${retryAfter} s`, { ...headers, "retry-after": retryAfter });
  }
  return headers;
}

/**
 * The service half of every call, whatever server carries it: `X-Api-Key` → principal, the
 * per-key limit (its headers go on the answer). The route's permission is the caller's to check.
 */
export async function authorizeService(apiKey: string | null): Promise<{ db: Db; principal: ServicePrincipal; scope: ServiceScope; headers: Record<string, string> }> {
  const db = openedDb() ?? (await getDb());
  const principal = await authenticateServiceKey(db, apiKey);
  const headers = await enforceKeyLimit(principal.keyId);
  return { db, principal, scope: { serviceId: principal.serviceId, orgId: principal.orgId, keyId: principal.keyId }, headers };
}

/** `permission` null: the handler checks it itself, when it depends on the body (provider-tokens' per-provider permission). */
export function serviceRoute<P = Record<string, never>>(permission: string | null, handler: (ctx: ServiceCtx<P>) => Promise<Response>) {
  return async (req: Request, context?: RouteContext<P>): Promise<Response> => {
    try {
      const { db, principal, scope, headers } = await authorizeService(req.headers.get("x-api-key"));
      if (permission !== null) assertPermission(principal, permission);
      const params = context ? await context.params : ({} as P);
      const res = await handler({ req, params, db, principal, scope });
      for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
      return res;
    } catch (err) {
      return toServiceErrorResponse(err);
    }
  };
}

/** Methods a path does not serve: 405 in AuthOS's body (Next's default is an empty 405). */
export function methodNotAllowed(allowed: string[]) {
  return async (req: Request): Promise<Response> =>
    json(serviceErrorBody("METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${new URL(req.url).pathname}; use ${allowed.join(" or ")}`), { status: 405, headers: { allow: allowed.join(", ") } });
}

/** 204 No Content. */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
