/**
 * POST /tokens/fetch straight off Node's socket, for `npm start`. Agents call it before
 * almost every provider call; through Next's route pipeline it costs several times the work
 * of the fetch itself (bench/floor.ts), so the self-hosted server answers it here, with the
 * same function the route handler uses (lib/tokens/answer-token-fetch.ts). Everything else,
 * and every other method on this path, goes to Next.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { outsideNext } from "@/lib/api/defer";
import { ApiError } from "@/lib/api/errors";
import { MAX_BODY_BYTES, tooLarge } from "@/lib/api/read-json";
import type { Reply } from "@/lib/api/respond";
import { env } from "@/lib/env";
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from "@/lib/log";
import { recordRequest } from "@/lib/metrics";
import { answerTokenFetch } from "@/lib/tokens/answer-token-fetch";
import type { FastPath } from "./fast-path-slot";
import { securityHeaders } from "./security-headers";

const PATH = "/tokens/fetch";

/** Two Authorization headers are refused like any malformed one (Node would keep only the first). */
function authorizationOf(req: IncomingMessage): string | null {
  const all = req.headersDistinct.authorization;
  if (!all?.length) return null;
  return all.join(", ");
}

/** The body as text, refused past MAX_BODY_BYTES; the unread rest is discarded by Node once we answer. */
export function readNodeBody(req: IncomingMessage): Promise<string> {
  if (Number(req.headers["content-length"] ?? "0") > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (err?: ApiError) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("aborted", onError);
      if (err) reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return stop(tooLarge());
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = () => stop(new ApiError("INVALID_REQUEST", "The request body could not be read (the connection closed before it ended)."));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("aborted", onError);
  });
}

export function createFastPath(production = env().NODE_ENV === "production"): FastPath {
  const always = Object.fromEntries(securityHeaders(production).map((h) => [h.key.toLowerCase(), h.value]));
  const send = (res: ServerResponse, reply: Reply, reqId: string, started: number) => {
    recordRequest(PATH, "POST", reply.status, (performance.now() - started) / 1000);
    if (res.destroyed) return;
    res.writeHead(reply.status, { ...always, ...reply.headers, [REQUEST_ID_HEADER]: reqId, "content-length": Buffer.byteLength(reply.body) }).end(reply.body);
  };
  return (req, res) => {
    if (req.method !== "POST") return false;
    const url = req.url ?? "";
    if (url !== PATH && !url.startsWith(`${PATH}?`)) return false;
    const started = performance.now();
    const incoming = req.headers[REQUEST_ID_HEADER];
    const reqId = requestIdFrom(typeof incoming === "string" ? incoming : undefined);
    void withRequestId(reqId, () => outsideNext(() => answerTokenFetch(authorizationOf(req), () => readNodeBody(req)))).then((reply) => send(res, reply, reqId, started));
    return true;
  };
}
