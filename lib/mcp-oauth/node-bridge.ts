/**
 * Run a Node `(req, res)` handler (oidc-provider's Koa app) from a Next route handler, which
 * gets a web Request and must return a Response. Next's route handlers never expose Node's own
 * req/res (on Vercel there are none), so the request is replayed into an IncomingMessage and the
 * response is collected from a ServerResponse whose write/end are captured instead of going to a
 * socket. The whole body is buffered: every answer of the authorization server is small.
 *
 * The public origin is imposed: Host and X-Forwarded-Proto come from the issuer (the provider
 * runs with `proxy = true`), so the URLs it prints match its metadata whatever the client sent.
 */
import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

const MAX_BODY_BYTES = 64 * 1024;

export async function runNodeHandler(handler: NodeHandler, request: Request, issuer: string, path?: string): Promise<Response> {
  const url = new URL(request.url);
  const origin = new URL(issuer);
  const body = request.method === "GET" || request.method === "HEAD" ? Buffer.alloc(0) : Buffer.from(await request.arrayBuffer());
  if (body.length > MAX_BODY_BYTES) return Response.json({ error: "invalid_request", error_description: "request body too large" }, { status: 413 });

  const req = new IncomingMessage(new Socket());
  req.method = request.method;
  req.url = `${path ?? url.pathname}${url.search}`;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  headers.host = origin.host;
  headers["x-forwarded-proto"] = origin.protocol.slice(0, -1);
  headers["content-length"] = String(body.length);
  delete headers["transfer-encoding"];
  req.headers = headers;
  req.push(body);
  req.push(null);

  const res = new ServerResponse(req);
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => {
    const toBuffer = (chunk: unknown, encoding?: unknown) =>
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    res.write = ((chunk: unknown, encoding?: unknown) => {
      if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown, encoding?: unknown) => {
      if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(toBuffer(chunk, encoding));
      Object.assign(res, { finished: true });
      res.emit("finish");
      resolve();
      return res;
    }) as typeof res.end;
  });
  handler(req, res);
  await done;

  const out = new Headers();
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [String(value)]) out.append(name, v);
  }
  const status = res.statusCode;
  const nullBody = status === 204 || status === 304 || request.method === "HEAD";
  return new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: out });
}
