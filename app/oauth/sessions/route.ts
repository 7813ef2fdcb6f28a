import { createSessionExample, createSessionRequest } from "@/lib/api/contract";
import { baseUrl } from "@/lib/api/base-url";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/respond";
import { agentRoute } from "@/lib/api/route";
import { createConnectSession } from "@/lib/connect/create-connect-session";

// POST /oauth/sessions – a 10-minute, single-use link for the key's owner (signed in to the dashboard) to connect a provider.
export const POST = agentRoute(async ({ req, db, key }) => {
  const input = await readJson(req, createSessionRequest, createSessionExample);
  return json(await createConnectSession(db, { userId: key.userId, key }, input, baseUrl(req)), { status: 201 });
});
