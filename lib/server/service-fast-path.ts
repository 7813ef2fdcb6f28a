/**
 * POST /api/service/provider-tokens straight off Node's socket, for `npm start`: a backend asks
 * for its end users' tokens as often as an agent fetches its own, and Next's route pipeline
 * costs several times the answer itself (bench/provider-tokens.ts). The request becomes a Web
 * Request handed to THE route's handler (lib/provider-tokens/provider-tokens-handler.ts), so
 * the two cannot disagree; only Next's routing is skipped. Everything else goes to Next.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { outsideNext } from "@/lib/api/defer";
import { env } from "@/lib/env";
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from "@/lib/log";
import { recordRequest } from "@/lib/metrics";
import { postProviderTokens } from "@/lib/provider-tokens/provider-tokens-handler";
import { toServiceErrorResponse } from "@/lib/service-api/envelope";
import { readNodeBody } from "./fast-path";
import type { FastPath } from "./fast-path-slot";
import { securityHeaders } from "./security-headers";

const PATH = "/api/service/provider-tokens";

function webRequest(req: IncomingMessage, body: string): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && k !== "host" && k !== "connection" && k !== "content-length" && k !== "transfer-encoding") headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? PATH}`, { method: "POST", headers, body });
}

export function createServiceFastPath(production = env().NODE_ENV === "production"): FastPath {
  const always = Object.fromEntries(securityHeaders(production).map((h) => [h.key.toLowerCase(), h.value]));
  const send = async (req: IncomingMessage, res: ServerResponse, answer: Response, reqId: string, started: number) => {
    const body = await answer.text();
    recordRequest(PATH, "POST", answer.status, (performance.now() - started) / 1000);
    if (res.destroyed) return;
    // A body we stopped reading (too large, too slow) is not drained for keep-alive: close instead.
    const unread = !req.complete;
    if (unread) res.shouldKeepAlive = false;
    res.writeHead(answer.status, { ...always, ...Object.fromEntries(answer.headers), [REQUEST_ID_HEADER]: reqId, ...(unread ? { connection: "close" } : {}), "content-length": Buffer.byteLength(body) }).end(body);
  };
  return (req, res) => {
    if (req.method !== "POST") return false;
    const url = req.url ?? "";
    if (url !== PATH && !url.startsWith(`${PATH}?`)) return false;
    const started = performance.now();
    const incoming = req.headers[REQUEST_ID_HEADER];
    const reqId = requestIdFrom(typeof incoming === "string" ? incoming : undefined);
    // Nothing may reject unhandled here (Node would end the process): a failure to answer drops the socket.
    withRequestId(reqId, () =>
      outsideNext(async () => {
        let body: string;
        try {
          body = await readNodeBody(req);
        } catch (err) {
          return toServiceErrorResponse(err);
        }
        return postProviderTokens(webRequest(req, body));
      }),
    )
      .then((answer) => send(req, res, answer, reqId, started))
      .catch(() => res.destroy());
    return true;
  };
}

/** `npm start`'s slot holds one fast path: the agent family's first, then this one. */
export function withServiceFastPath(first: FastPath, production?: boolean): FastPath {
  const service = createServiceFastPath(production);
  return (req, res) => first(req, res) || service(req, res);
}
