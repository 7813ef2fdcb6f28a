import { json } from "@/lib/api/respond";
import { baseUrl } from "@/lib/api/base-url";
import { issueProviderToken } from "@/lib/provider-tokens/issue-provider-token";
import { providerTokensBody } from "@/lib/service-api/contract";
import { readServiceJson } from "@/lib/service-api/parse-input";
import { methodNotAllowed, serviceRoute } from "@/lib/service-api/service-route";

// POST /api/service/provider-tokens – always 200: the token, or the link the end user must open.
// The permission (read:provider_tokens or read:provider_tokens:<provider>) depends on the body, so the lib checks it.
export const POST = serviceRoute(null, async ({ req, db, principal, scope }) => {
  const body = await readServiceJson(req, providerTokensBody);
  return json(await issueProviderToken(db, { ...scope, permissions: principal.permissions }, body, baseUrl(req)));
});

const other = methodNotAllowed(["POST"]);
export { other as GET, other as PUT, other as PATCH, other as DELETE };
