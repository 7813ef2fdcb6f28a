/**
 * `npm start` on Postgres: the front thread (./front-worker.ts) owns the public port and answers
 * the two hot routes itself; every other request is passed to Next, which listens on a Unix
 * socket in a private folder of this same process (scripts/serve.ts). This is that pass-through:
 * the request as the client sent it (after the front's body cap, joined Authorization and peer
 * stamp, lib/server/create-server.ts), the answer as Next wrote it, streamed both ways (MCP's
 * event streams and Next's streamed pages arrive as Next flushes them). Only hop-by-hop headers
 * are dropped, as any HTTP proxy must.
 */
import { Agent, request, type IncomingMessage, type ServerResponse } from "node:http";

/** RFC 9110 §7.6.1: meaningful for one connection only, never forwarded. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "proxy-authenticate", "proxy-authorization"]);

function hopByHop(connectionHeader: string | string[] | undefined): Set<string> {
  const listed = [connectionHeader ?? []].flat().flatMap((v) => v.split(",").map((h) => h.trim().toLowerCase()));
  return listed.length ? new Set([...HOP_BY_HOP, ...listed]) : HOP_BY_HOP;
}

function unavailable(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code: "UNAVAILABLE", message: "The server is starting or stopping; try again in a moment." } });
  res.writeHead(503, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "retry-after": "1", "content-length": Buffer.byteLength(body) }).end(body);
}

export function createNextProxy(socketPath: string): (req: IncomingMessage, res: ServerResponse) => void {
  // Idle connections to Next are kept (its server never times them out, scripts/serve.ts), so a
  // reused socket is never one Next is closing at that moment.
  const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });
  return (req, res) => {
    const drop = hopByHop(req.headers.connection);
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !drop.has(k)) headers[k] = v;
    // What Next fills in itself from the socket it sees, which is now this proxy's.
    headers["x-forwarded-for"] ??= req.socket.remoteAddress ?? "";
    const upstream = request({ socketPath, agent, method: req.method, path: req.url, headers, setHost: false }, (answer) => {
      const dropBack = hopByHop(answer.headers.connection);
      const raw: string[] = [];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        const name = answer.rawHeaders[i] ?? "";
        if (!dropBack.has(name.toLowerCase())) raw.push(name, answer.rawHeaders[i + 1] ?? "");
      }
      if (res.destroyed) {
        answer.destroy();
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, raw);
      answer.pipe(res);
      answer.on("error", () => res.destroy()).on("aborted", () => res.destroy());
    });
    upstream.on("error", () => unavailable(res));
    // The client went away (or the front refused the body): stop Next's side too.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}
