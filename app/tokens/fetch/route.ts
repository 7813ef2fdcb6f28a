import { fetchTokenExample, fetchTokenRequest } from "@/lib/api/contract";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/respond";
import { agentRoute } from "@/lib/api/route";
import { fetchToken } from "@/lib/tokens/fetch-token";

// POST /tokens/fetch – a fresh credential for one of the user's connections.
export const POST = agentRoute(async ({ req, db, key }) => {
  const input = await readJson(req, fetchTokenRequest, fetchTokenExample);
  return json(await fetchToken(db, key, input));
});
