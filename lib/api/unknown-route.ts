/**
 * Paths under an API family's prefix that no route serves answer JSON in that family's
 * envelope, not Next's HTML 404 page: an agent or SDK parsing the body gets an error it
 * understands. The echoed path is stripped of control characters and capped.
 */
import { stripControl } from "@/lib/log";
import { ApiError, toErrorResponse } from "./errors";
import { json } from "./respond";

function describe(req: Request): string {
  const { pathname } = new URL(req.url);
  return `${req.method} ${stripControl(decodeURIComponentSafe(pathname)).slice(0, 120)}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Agent REST (`/tokens/…`, `/ai/…`, `/oauth/…`): DESIGN.md's `{"error":{"code","message"}}`. */
export function agentUnknownRoute(req: Request): Response {
  return toErrorResponse(new ApiError("NOT_FOUND", `No such endpoint: ${describe(req)}. The agent API is described at GET /ai/skill.`));
}

/** `/api/…` (AuthOS conventions, AUTHOS-SERVICE-API.md §1.2): `{"error","error_code","timestamp"}`, RFC 3339 with +00:00. */
export function serviceUnknownRoute(req: Request): Response {
  return json({ error: `No such endpoint: ${describe(req)}`, error_code: "NOT_FOUND", timestamp: new Date().toISOString().replace(/Z$/, "+00:00") }, { status: 404 });
}

