/**
 * POST /tokens/fetch straight off Node's socket, for `npm start`. Agents call it before
 * almost every provider call; through Next's route pipeline it costs several times the work
 * of the fetch itself (bench/floor.ts), so the self-hosted server answers it here, with the
 * same function the route handler uses (lib/tokens/answer-token-fetch.ts), through the Node
 * adapter both fast paths share (./node-route.ts). Everything else, and every other method on
 * this path, goes to Next.
 */
import type { IncomingMessage } from "node:http";
import { clientIp } from "@/lib/api/client-ip";
import { ApiError } from "@/lib/api/errors";
import { MAX_BODY_BYTES, tooLarge } from "@/lib/api/read-json";
import { env } from "@/lib/env";
import { answerTokenFetch } from "@/lib/tokens/answer-token-fetch";
import type { FastPath } from "./fast-path-slot";
import { createNodeRoute } from "./node-route";

const PATH = "/tokens/fetch";

/** Two Authorization headers are refused like any malformed one (Node would keep only the first). */
function authorizationOf(req: IncomingMessage): string | null {
  const all = req.headersDistinct.authorization;
  if (!all?.length) return null;
  return all.join(", ");
}

/** A body still arriving after this long is a slow sender holding a socket, not an agent. */
export const BODY_DEADLINE_MS = 10_000;

/**
 * The body as text, refused past MAX_BODY_BYTES or BODY_DEADLINE_MS. After a refusal nothing more
 * is read: the reply closes the connection (see `send`) instead of draining the rest.
 */
export function readNodeBody(req: IncomingMessage, deadlineMs = BODY_DEADLINE_MS): Promise<string> {
  if (Number(req.headers["content-length"] ?? "0") > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (err?: ApiError) => {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("error", onError).off("aborted", onError);
      if (err) {
        req.pause();
        reject(err);
      }
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
    const timer = setTimeout(() => stop(new ApiError("INVALID_REQUEST", `The request body did not arrive within ${deadlineMs / 1000} s.`)), deadlineMs);
    req.on("data", onData).on("end", onEnd).on("error", onError).on("aborted", onError);
  });
}

/**
 * The client address for per-IP limits, only computed when one applies (never on the cached
 * key path). Without a proxy header, `npm start` knows the socket's peer, which Next does not.
 */
function ipOf(req: IncomingMessage): string {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  const ip = clientIp(headers);
  return ip === "unknown" ? (req.socket.remoteAddress ?? ip) : ip;
}

export function createFastPath(production = env().NODE_ENV === "production", opts: { bodyDeadlineMs?: number } = {}): FastPath {
  return createNodeRoute(PATH, production, (req, reqId) => answerTokenFetch(authorizationOf(req), () => readNodeBody(req, opts.bodyDeadlineMs), () => ipOf(req), reqId));
}
