/**
 * POST /api/service/provider-tokens straight off Node's socket, for `npm start`: a backend asks
 * for its end users' tokens as often as an agent fetches its own, and Next's route pipeline
 * costs several times the answer itself (bench/provider-tokens.ts). It answers with THE route's
 * function (lib/provider-tokens/answer-provider-tokens.ts) through the Node adapter both fast
 * paths share (./node-route.ts), so the two cannot disagree; only Next's routing is skipped.
 */
import type { IncomingMessage } from "node:http";
import { env } from "@/lib/env";
import { answerProviderTokens } from "@/lib/provider-tokens/answer-provider-tokens";
import { readNodeBody } from "./fast-path";
import type { FastPath } from "./fast-path-slot";
import { createNodeRoute } from "./node-route";

const PATH = "/api/service/provider-tokens";

/** The request's own origin, as Next would see it (asked for only when APP_URL is not set). */
function originOf(req: IncomingMessage): string {
  try {
    return new URL(`http://${req.headers.host ?? "localhost"}`).origin;
  } catch {
    return "http://localhost";
  }
}

export function createServiceFastPath(production = env().NODE_ENV === "production"): FastPath {
  return createNodeRoute(PATH, production, (req, reqId) => {
    const key = req.headers["x-api-key"];
    return answerProviderTokens(typeof key === "string" ? key : null, () => readNodeBody(req), () => originOf(req), reqId);
  });
}

/** `npm start`'s slot holds one fast path: the agent family's first, then this one. */
export function withServiceFastPath(first: FastPath, production?: boolean): FastPath {
  const service = createServiceFastPath(production);
  return (req, res) => first(req, res) || service(req, res);
}
