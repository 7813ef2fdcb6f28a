/**
 * Response helpers for the public routes. Agents read markdown by default, JSON on request.
 * A `Reply` is a response as plain data, so one answer can go out through a Next route
 * handler (`toResponse`) or straight onto a Node socket (lib/server/fast-path.ts).
 */

export type Reply = { status: number; headers: Record<string, string>; body: string };

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function jsonReply(data: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(data) };
}

export function toResponse(reply: Reply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

export function json(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return toResponse(jsonReply(data, init.status, init.headers));
}

export function markdown(text: string, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(text, {
    status: init.status ?? 200,
    headers: { "content-type": "text/markdown; charset=utf-8", "cache-control": "no-store", ...init.headers },
  });
}

/** True when the client asked for JSON (Accept: application/json) rather than markdown. */
export function wantsJson(req: Request): boolean {
  const accept = req.headers.get("accept") ?? "";
  return /application\/json/i.test(accept) && !/text\/markdown/i.test(accept);
}
