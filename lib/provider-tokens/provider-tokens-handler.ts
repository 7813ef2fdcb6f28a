import { json } from "@/lib/api/respond";
import { baseUrl } from "@/lib/api/base-url";
import { providerTokensBody } from "@/lib/service-api/contract";
import { readServiceJson } from "@/lib/service-api/parse-input";
import { serviceRoute } from "@/lib/service-api/service-route";
import { issueProviderToken } from "./issue-provider-token";

/**
 * POST /api/service/provider-tokens – always 200: the token, or the link the end user must open.
 * The one handler both the route (app/api/service/provider-tokens/route.ts: `next start`, Vercel)
 * and `npm start`'s Node fast path (lib/server/service-fast-path.ts) answer with.
 * The permission (read:provider_tokens or read:provider_tokens:<provider>) depends on the body, so the lib checks it.
 */
export const postProviderTokens = serviceRoute(null, async ({ req, db, principal, scope }) => {
  const body = await readServiceJson(req, providerTokensBody);
  return json(await issueProviderToken(db, { ...scope, permissions: principal.permissions }, body, baseUrl(req)));
});
