/**
 * The wrapper every public REST route goes through. It authenticates the agent key (failed
 * authentications are limited per client IP, checked before the key lookup), rate-limits per
 * key (per client address for unauthenticated routes), records key use off the response path,
 * and turns anything thrown into DESIGN.md's error envelope; a refused or failed call with a
 * known owner also becomes an Activity row (lib/audit/record-agent-failure.ts).
 */
import { getDb, openedDb, type Db } from "@/db";
import { authenticateApiKey, cachedApiKey, touchLastUsed, type AuthedKey } from "@/lib/api-keys";
import { limitApi, type LimitResult } from "@/lib/ratelimit";
import { clientIp } from "./client-ip";
import { recordAgentFailure } from "@/lib/audit/record-agent-failure";
import { attributeTo } from "./error-owner";
import { ApiError, toErrorResponse } from "./errors";
import { instrumented } from "./instrumented";
import { recordKeyFailure, refuseIfKeyFailuresExceeded } from "./ip-limit";

type RouteContext<P> = { params: Promise<P> };
type Handler<C> = (ctx: C) => Promise<Response>;

export type PublicCtx<P> = { req: Request; params: P; db: () => Promise<Db> };
export type AgentCtx<P> = { req: Request; params: P; db: Db; key: AuthedKey };

function rateHeaders(r: LimitResult): Record<string, string> {
  return {
    "x-ratelimit-limit": String(r.limit),
    "x-ratelimit-remaining": String(r.remaining),
    "x-ratelimit-reset": String(Math.ceil(r.reset / 1000)),
  };
}

function limitHeaders(result: LimitResult): Record<string, string> {
  const headers = rateHeaders(result);
  if (!result.success) {
    const retryAfter = String(Math.max(1, Math.ceil((result.reset - Date.now()) / 1000)));
    throw new ApiError("RATE_LIMITED", `Too many requests for this key (limit ${result.limit} per minute). Retry after ${retryAfter} s.`, {}, { ...headers, "retry-after": retryAfter });
  }
  return headers;
}

async function enforceLimit(identifier: string): Promise<Record<string, string>> {
  return limitHeaders(await limitApi(identifier));
}

function withHeaders(res: Response, headers: Record<string, string>): Response {
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

/**
 * The agent half of every authenticated call, whatever server carries it: the key from the
 * Authorization header, the per-key limit (its headers go on the success response), and
 * the last-used stamp after the response.
 */
export async function authorizeAgent(
  authorization: string | null,
  ip: () => string,
  /** Another credential than an akh_ key (an MCP client's OAuth access token), mapped to the key row that stands for it. */
  authenticate?: (db: Db, beforeLookup: () => Promise<void>) => Promise<AuthedKey>,
): Promise<{ db: Db; key: AuthedKey; headers: Record<string, string> }> {
  // A cached key and a memory limiter answer without a promise: this runs before every credential an agent fetches.
  const db = openedDb() ?? (await getDb());
  let key = authenticate ? undefined : cachedApiKey(db, authorization, Date.now());
  if (!key) {
    try {
      const beforeLookup = async () => refuseIfKeyFailuresExceeded(ip());
      key = authenticate ? await authenticate(db, beforeLookup) : await authenticateApiKey(db, authorization, new Date(), beforeLookup);
    } catch (err) {
      if (err instanceof ApiError && err.code === "UNAUTHORIZED") await recordKeyFailure(ip());
      throw err;
    }
  }
  const owner = { userId: key.userId, apiKeyId: key.id };
  let headers: Record<string, string>;
  try {
    const result = limitApi(`key:${key.id}`);
    headers = limitHeaders(result instanceof Promise ? await result : result);
  } catch (err) {
    throw attributeTo(err, owner);
  }
  touchLastUsed(key.id);
  return { db, key, headers };
}

/** A route that needs `Authorization: Bearer akh_…`. */
export function agentRoute<P = Record<string, never>>(handler: Handler<AgentCtx<P>>) {
  return instrumented(async (req: Request, context?: RouteContext<P>): Promise<Response> => {
    let owner: { userId: string; apiKeyId: string } | undefined;
    try {
      const { db, key, headers } = await authorizeAgent(req.headers.get("authorization"), () => clientIp(req.headers));
      owner = { userId: key.userId, apiKeyId: key.id };
      const params = context ? await context.params : ({} as P);
      return withHeaders(await handler({ req, params, db, key }), headers);
    } catch (err) {
      recordAgentFailure(req.method, new URL(req.url).pathname, err, owner);
      return toErrorResponse(err);
    }
  });
}

/** A route with no authentication (rate-limited per client address). */
export function publicRoute<P = Record<string, never>>(handler: Handler<PublicCtx<P>>) {
  return instrumented(async (req: Request, context?: RouteContext<P>): Promise<Response> => {
    try {
      const headers = await enforceLimit(`ip:${clientIp(req.headers)}`);
      const params = context ? await context.params : ({} as P);
      return withHeaders(await handler({ req, params, db: getDb }), headers);
    } catch (err) {
      return toErrorResponse(err);
    }
  });
}
