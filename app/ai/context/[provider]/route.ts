import { baseUrl } from "@/lib/api/base-url";
import { json, markdown, wantsJson } from "@/lib/api/respond";
import { agentRoute } from "@/lib/api/route";
import { providerContext } from "@/lib/connections/provider-context";

// GET /ai/context/{provider} – connection status, how to send the credential, services, a ready curl.
export const GET = agentRoute<{ provider: string }>(async ({ req, db, key, params }) => {
  const doc = await providerContext(db, key, params.provider, baseUrl(req));
  return wantsJson(req) ? json(doc.json) : markdown(doc.markdown);
});
