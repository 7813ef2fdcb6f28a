/**
 * One hot route answered straight off Node's socket (`npm start`'s fast paths): the path and
 * method match, the request id, the answer as plain data (the same function the route handler
 * answers with), the security headers every response carries, the request metric. Anything
 * else returns false and goes to Next.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { outsideNext } from "@/lib/api/defer";
import type { Reply } from "@/lib/api/respond";
import { REQUEST_ID_HEADER, requestContextIsOff, requestIdFrom, withRequestId } from "@/lib/log";
import { recordRequest } from "@/lib/metrics";
import type { FastPath } from "./fast-path-slot";
import { securityHeaders } from "./security-headers";

/** `answer` gets the request id for its rare log lines where the thread keeps the request context off (lib/log/request-context.ts). */
export function createNodeRoute(path: string, production: boolean, answer: (req: IncomingMessage, reqId: string) => Promise<Reply>): FastPath {
  const always = securityHeaders(production).map((h) => [h.key.toLowerCase(), h.value] as const);
  const send = (req: IncomingMessage, res: ServerResponse, reply: Reply, reqId: string, started: number) => {
    recordRequest(path, "POST", reply.status, (performance.now() - started) / 1000);
    if (res.destroyed) return;
    // A body we stopped reading (too large, too slow) is not drained for keep-alive: close instead.
    const unread = !req.complete;
    if (unread) res.shouldKeepAlive = false;
    // Node's flat [name, value, …] form: no header object built and walked per answer (a spread
    // of ~14 keys was the largest garbage of this function). The answer's own header wins over a
    // security header of the same name, as the spread it replaces let it.
    const head: string[] = [];
    for (const [name, value] of always) if (!(name in reply.headers)) head.push(name, value);
    for (const name in reply.headers) head.push(name, reply.headers[name] as string);
    head.push(REQUEST_ID_HEADER, reqId, "content-length", String(Buffer.byteLength(reply.body)));
    if (unread) head.push("connection", "close");
    res.writeHead(reply.status, head).end(reply.body);
  };
  return (req, res) => {
    if (req.method !== "POST") return false;
    const url = req.url ?? "";
    if (url !== path && !url.startsWith(`${path}?`)) return false;
    const started = performance.now();
    const incoming = req.headers[REQUEST_ID_HEADER];
    const reqId = requestIdFrom(typeof incoming === "string" ? incoming : undefined);
    // Nothing may reject unhandled here (Node would end the process): a failure to answer drops the socket.
    (requestContextIsOff() ? answer(req, reqId) : withRequestId(reqId, () => outsideNext(() => answer(req, reqId))))
      .then((reply) => send(req, res, reply, reqId, started))
      .catch(() => res.destroy());
    return true;
  };
}
