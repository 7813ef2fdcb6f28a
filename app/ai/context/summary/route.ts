import { baseUrl } from "@/lib/api/base-url";
import { json, markdown, wantsJson } from "@/lib/api/respond";
import { agentRoute } from "@/lib/api/route";
import { listContextConnections } from "@/lib/connections/list-context-connections";
import { buildSummary } from "@/lib/context";
import { providerAccess } from "@/lib/readiness/provider-readiness";

// GET /ai/context/summary – what is connected, what can be (on this instance, for this key), and the next two calls (≈500 bytes).
export const GET = agentRoute(async ({ req, db, key }) => {
  const connections = await listContextConnections(db, key.userId);
  const visible = key.providers ? connections.filter((c) => key.providers?.includes(c.provider)) : connections;
  const summary = buildSummary(visible, baseUrl(req), providerAccess(key.providers));
  return wantsJson(req) ? json(summary.json) : markdown(summary.markdown);
});
