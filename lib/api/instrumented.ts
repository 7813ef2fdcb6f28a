/**
 * What every public route handler gets around it: a request id (the caller's X-Request-Id when
 * plain and short, else a new one) bound to every log line written while answering and echoed
 * in the response, and the request counted and timed for /metrics by route template.
 * lib/server/fast-path.ts does the same for POST /tokens/fetch on `npm start`.
 */
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from "@/lib/log";
import { recordRequest, routeLabel } from "@/lib/metrics";

/** Response.redirect() and Response.error() have immutable headers: copy before stamping. */
function stamped(res: Response, reqId: string): Response {
  try {
    res.headers.set(REQUEST_ID_HEADER, reqId);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    copy.headers.set(REQUEST_ID_HEADER, reqId);
    return copy;
  }
}

/** Next hands route handlers a NextRequest whose URL is already parsed; anything else is parsed here. */
function pathnameOf(req: Request): string {
  const parsed = (req as Request & { nextUrl?: { pathname: string } }).nextUrl;
  return parsed ? parsed.pathname : new URL(req.url).pathname;
}

/**
 * `route`: the metric label of a handler that serves one fixed path (the hot routes), so no
 * request pays for reading its URL and matching it against every template.
 */
export function instrumented<R extends Request, A extends unknown[]>(handler: (req: R, ...rest: A) => Promise<Response>, route?: string): (req: R, ...rest: A) => Promise<Response> {
  return async (req, ...rest) => {
    const started = performance.now();
    const reqId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
    const res = stamped(await withRequestId(reqId, () => handler(req, ...rest)), reqId);
    recordRequest(route ?? routeLabel(pathnameOf(req)), req.method, res.status, (performance.now() - started) / 1000);
    return res;
  };
}
