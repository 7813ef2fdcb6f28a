/**
 * POST /tokens/fetch as plain data in, plain data out. The Next route handler
 * (app/tokens/fetch/route.ts) and the Node fast path (lib/server/fast-path.ts) both answer
 * through this one function, so the two can never disagree on auth, limits or the contract.
 */
import { fetchTokenExample, fetchTokenRequest } from "@/lib/api/contract";
import { ApiError, errorReply } from "@/lib/api/errors";
import { parseJsonText } from "@/lib/api/read-json";
import { jsonReply, type Reply } from "@/lib/api/respond";
import { authorizeAgent } from "@/lib/api/route";
import { recordAgentFailure } from "@/lib/audit/record-agent-failure";
import { withRequestIdBriefly } from "@/lib/log";
import { recordTokenFetch } from "@/lib/metrics";
import { fetchToken } from "./fetch-token";

/** `reqId`: where no request id is bound (npm start's front thread), the one its rare log lines carry. */
export async function answerTokenFetch(authorization: string | null, readBody: () => Promise<string>, ip: () => string, reqId?: string): Promise<Reply> {
  let owner: { userId: string; apiKeyId: string } | undefined;
  let provider: string | undefined;
  try {
    const { db, key, headers } = await authorizeAgent(authorization, ip);
    owner = { userId: key.userId, apiKeyId: key.id };
    const input = parseJsonText(await readBody(), fetchTokenRequest, fetchTokenExample);
    provider = input.provider;
    const reply = jsonReply(await fetchToken(db, key, input, {}, reqId), 200, headers);
    recordTokenFetch(provider, "success");
    return reply;
  } catch (err) {
    recordAgentFailure("POST", "/tokens/fetch", err, owner);
    recordTokenFetch(provider, err instanceof ApiError ? err.code : "INTERNAL_ERROR");
    return withRequestIdBriefly(reqId, () => errorReply(err));
  }
}
