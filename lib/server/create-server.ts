/**
 * `npm start`'s HTTP server (scripts/serve.ts), in front of Next and the fast path. What it
 * adds for every request, before any route runs:
 *
 * - One body cap (S8): a declared Content-Length over MAX_REQUEST_BODY_BYTES gets 413 at once;
 *   an undeclared (chunked) body is counted as the socket delivers it and cut off at the cap
 *   with 413. Either way the connection closes instead of draining the rest.
 * - Slow senders are bounded (S19): headers within HEADERS_TIMEOUT_MS, the whole request
 *   within REQUEST_TIMEOUT_MS (Node's defaults are 60 s and 300 s).
 * - Two Authorization headers reach Next as one joined value (Node would keep only the first),
 *   so every route refuses them exactly as the fast path does.
 *
 * Test servers build this same server with a stand-in for Next.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { markPeerStamped, PEER_HEADER } from "@/lib/api/client-ip";
import type { FastPath } from "./fast-path-slot";

/** Next's own Server Action limit is 1 MB; nothing in Akhrot accepts more. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
export const HEADERS_TIMEOUT_MS = 15_000;
export const REQUEST_TIMEOUT_MS = 30_000;

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent || res.writableEnded) {
    res.destroy();
    return;
  }
  res.shouldKeepAlive = false;
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", connection: "close", "content-length": Buffer.byteLength(body) }).end(body);
}

/**
 * Count body bytes as Node's HTTP parser hands them to the request stream (it calls
 * `req.push` per chunk), so the cap holds whoever reads the body and however. Past the cap,
 * no more bytes reach the reader, the client gets 413, and the socket closes.
 */
function capBody(req: IncomingMessage, res: ServerResponse, max: number): boolean {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > max) {
    refuse(res, 413, "PAYLOAD_TOO_LARGE", `Request body is larger than ${max / 1024} KB.`);
    return true;
  }
  const push = req.push.bind(req);
  let seen = 0;
  let over = false;
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (over) return false;
    if (chunk !== null && chunk !== undefined) {
      seen += Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? chunk.byteLength : String(chunk).length;
      if (seen > max) {
        over = true;
        refuse(res, 413, "PAYLOAD_TOO_LARGE", `Request body is larger than ${max / 1024} KB.`);
        req.socket.pause();
        return false;
      }
    }
    return push(chunk, encoding);
  };
  return false;
}

function joinAuthorization(req: IncomingMessage): void {
  const all = req.headersDistinct.authorization;
  if (all && all.length > 1) req.headers.authorization = all.join(", ");
}

export function createAkhrotServer(next: (req: IncomingMessage, res: ServerResponse) => void, fastPath: () => FastPath | undefined): Server {
  // lib/api/client-ip.ts believes the peer header only in a process whose server stamps it.
  markPeerStamped();
  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 2_000 }, (req, res) => {
    // A late write by a route after a refusal must not become an unhandled 'error'.
    res.on("error", () => {});
    if (capBody(req, res, MAX_REQUEST_BODY_BYTES)) return;
    joinAuthorization(req);
    // The socket's address, which no client can forge; a client-sent value is overwritten, never appended to.
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    if (fastPath()?.(req, res)) return;
    next(req, res);
  });
  return server;
}
