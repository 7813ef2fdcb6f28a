import { json } from "@/lib/api/respond";
import { agentRoute } from "@/lib/api/route";
import { getOwnSession, sessionView } from "@/lib/connect/session-status";

// GET /oauth/sessions/{sessionId} – pending | completed | expired | failed, so an agent can wait for its human.
export const GET = agentRoute<{ sessionId: string }>(async ({ db, key, params }) =>
  json(sessionView(await getOwnSession(db, key, params.sessionId))),
);
