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
 *   3. The caller: an `akh_` key through the same key check as every REST route, or an access
 *      token of Akhrot's own authorization server (lib/mcp-oauth), bound to this resource and
 *      mapped to the key row that stands for its grant. Either way the per-key rate limit
 *      (authorizeAgent), 429 with Retry-After. A request with no credential, or with a refused
 *      OAuth token, gets 401 with `WWW-Authenticate: Bearer resource_metadata="<absolute URL>"`
 *      (RFC 9728), where OAuth clients discover the authorization server. A refused `akh_` key
 *      gets the plain `Bearer realm="akhrot"` challenge: its client holds a key, and clients
 *      shown OAuth metadata may drop their configured header for an OAuth flow.
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
import { KEY_PREFIX } from "@/lib/api-keys";
import { authenticateMcpAccessToken, oauthChallenge } from "@/lib/mcp-oauth/grants";

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
    const authorization = req.headers.get("authorization");
    if (authorization === null) throw new ApiError("UNAUTHORIZED", "Authorize this client with Akhrot (OAuth), or send an Akhrot key as: Authorization: Bearer akh_…", {}, oauthChallenge(base, false));
    const bearer = /^Bearer (\S+)$/i.exec(authorization)?.[1];
    const oauth = bearer !== undefined && !bearer.startsWith(KEY_PREFIX);
    const { db, key, headers } = await authorizeAgent(
      authorization,
      () => clientIp(req.headers),
      oauth
        ? async (database, beforeLookup) => {
            await beforeLookup();
            return authenticateMcpAccessToken(database, base, bearer);
          }
        : undefined,
    );
    const res = await principal.run({ db, key, baseUrl: base, ...(oauth ? { oauthClientName: key.name } : {}) }, () => handler.fetch(req));
    // A new Response: the SDK's headers may be immutable.
    const out = new Response(res.body, res);
    for (const [k, v] of Object.entries(headers)) out.headers.set(k, v);
    return out;
  } catch (err) {
    return toErrorResponse(err);
  }
}
