import { baseUrl } from "@/lib/api/base-url";
import { json, markdown, wantsJson } from "@/lib/api/respond";
import { agentRoute } from "@/lib/api/route";
import { contextSummary } from "@/lib/connections/context-summary";

// GET /ai/context/summary – what is connected, what can be (on this instance, for this key), and the next two calls (≈500 bytes).
export const GET = agentRoute(async ({ req, db, key }) => {
  const summary = await contextSummary(db, key, baseUrl(req));
  return wantsJson(req) ? json(summary.json) : markdown(summary.markdown);
});
