/** Response helpers for the public routes. Agents read markdown by default, JSON on request. */

export function json(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(data), {
    status: init.status ?? 200,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...init.headers },
  });
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
