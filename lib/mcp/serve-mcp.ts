/**
 * POST /mcp: Akhrot's remote MCP server (Streamable HTTP, stateless, both protocol eras).
 *
 * The SDK's handler speaks the protocol; everything about WHO may speak it is here, in front
 * of it, because the handler itself checks no Origin and no credential:
 *   1. Origin: a browser page on another origin gets 403 (DNS-rebinding defence the spec
 *      requires); no Origin (CLI and IDE clients) passes. Only this instance's exact origin is
 *      accepted — scheme, host and port — not merely its hostname.
 *   2. POST only: GET (the 2025 standalone SSE stream) and DELETE (2025 session end) are 405;
 *      no session id is ever minted.
 *   3. The same key check and per-key rate limit as every REST route (authorizeAgent): 401 with
 *      `WWW-Authenticate: Bearer realm="akhrot"`, 429 with Retry-After. No OAuth metadata is
 *      advertised: clients that see it may drop a configured static header.
 *   4. The handler, with a fresh server per request built for this key (build-mcp-server.ts).
 *      The key reaches the factory through AsyncLocalStorage, scoped to this one call, so it
 *      can never be read by another request; the raw key is never handed to the SDK.
 * Bodies over 64 KB (the REST cap) are refused by the handler with 413 before parsing.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createMcpHandler } from "@modelcontextprotocol/server";
import { baseUrl } from "@/lib/api/base-url";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { MAX_BODY_BYTES } from "@/lib/api/read-json";
import { authorizeAgent } from "@/lib/api/route";
import { buildMcpServer } from "./build-mcp-server";
import type { McpCallContext } from "./mcp-context";
import { logError } from "@/lib/log";
import { clientIp } from "@/lib/api/client-ip";

type Principal = Omit<McpCallContext, "clientName">;
const principal = new AsyncLocalStorage<Principal>();

const handler = createMcpHandler(
  ({ requestInfo }) => {
    const current = principal.getStore();
    // Fail closed: a server is never built without the key of the request it serves.
    if (!current) throw new Error("MCP server requested outside an authenticated request");
    return buildMcpServer(current, requestInfo);
  },
  {
    legacy: "stateless",
    responseMode: "json",
    maxSubscriptions: 0,
    keepAliveMs: 0,
    maxRequestBodySize: MAX_BODY_BYTES,
    onerror: (err) => logError("mcp.transport", err),
  },
);

function foreignOrigin(req: Request, base: string): boolean {
  const origin = req.headers.get("origin");
  return origin !== null && origin !== new URL(base).origin;
}

export async function serveMcp(req: Request): Promise<Response> {
  const base = baseUrl(req);
  try {
    if (foreignOrigin(req, base)) throw new ApiError("FORBIDDEN", "This Origin may not call the Akhrot MCP endpoint.");
    if (req.method !== "POST") {
      return Response.json(
        { error: { code: "INVALID_REQUEST", message: "The Akhrot MCP endpoint is stateless: only POST is supported." } },
        { status: 405, headers: { allow: "POST" } },
      );
    }
    const { db, key, headers } = await authorizeAgent(req.headers.get("authorization"), () => clientIp(req.headers));
    const res = await principal.run({ db, key, baseUrl: base }, () => handler.fetch(req));
    // A new Response: the SDK's headers may be immutable.
    const out = new Response(res.body, res);
    for (const [k, v] of Object.entries(headers)) out.headers.set(k, v);
    return out;
  } catch (err) {
    return toErrorResponse(err);
  }
}
