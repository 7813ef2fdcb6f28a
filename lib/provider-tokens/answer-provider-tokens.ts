/**
 * POST /api/service/provider-tokens as plain data in, plain data out – always 200: the token, or
 * the link the end user must open. The route handler (provider-tokens-handler.ts: `next start`,
 * Vercel) and `npm start`'s Node fast path (lib/server/service-fast-path.ts) both answer through
 * this one function, so the two can never disagree. The permission (read:provider_tokens or
 * read:provider_tokens:<provider>) depends on the body, so issueProviderToken checks it.
 */
import { baseUrlOr } from "@/lib/api/base-url";
import { jsonReply, type Reply } from "@/lib/api/respond";
import { withRequestIdBriefly } from "@/lib/log";
import { providerTokensBody } from "@/lib/service-api/contract";
import { serviceErrorReply } from "@/lib/service-api/envelope";
import { parseServiceJsonText } from "@/lib/service-api/parse-input";
import { authorizeService } from "@/lib/service-api/service-route";
import { issueProviderToken } from "./issue-provider-token";

/**
 * `origin`: the request's own origin, asked for only when APP_URL is not set (it names the hosted
 * link). `reqId`: where no request id is bound (npm start's front thread), the one its rare log lines carry.
 */
export async function answerProviderTokens(apiKey: string | null, readBody: () => Promise<string>, origin: () => string, reqId?: string): Promise<Reply> {
  try {
    const { db, principal, scope, headers } = await authorizeService(apiKey);
    const body = parseServiceJsonText(await readBody(), providerTokensBody);
    return jsonReply(await issueProviderToken(db, { ...scope, permissions: principal.permissions }, body, baseUrlOr(origin), new Date(), reqId), 200, headers);
  } catch (err) {
    return withRequestIdBriefly(reqId, () => serviceErrorReply(err));
  }
}
