import { readText } from "@/lib/api/read-json";
import { toResponse } from "@/lib/api/respond";
import { answerProviderTokens } from "./answer-provider-tokens";

/**
 * POST /api/service/provider-tokens as a route handler (app/api/service/provider-tokens/route.ts:
 * `next start`, Vercel): the Web Request in, lib/provider-tokens/answer-provider-tokens.ts's
 * answer out, as `npm start`'s Node fast path does.
 */
export async function postProviderTokens(req: Request): Promise<Response> {
  return toResponse(await answerProviderTokens(req.headers.get("x-api-key"), () => readText(req), () => new URL(req.url).origin));
}
