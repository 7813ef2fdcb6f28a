import { baseUrl } from "@/lib/api/base-url";
import { json, markdown, wantsJson } from "@/lib/api/respond";
import { agentRoute } from "@/lib/api/route";
import { providerContext } from "@/lib/connections/provider-context";

// GET /ai/context/{provider}/{service} – one service: base URL, scopes (and whether the grant has them), endpoints.
export const GET = agentRoute<{ provider: string; service: string }>(async ({ req, db, key, params }) => {
  const doc = await providerContext(db, key, params.provider, baseUrl(req), params.service);
  return wantsJson(req) ? json(doc.json) : markdown(doc.markdown);
});
