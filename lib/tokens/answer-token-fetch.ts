/**
 * POST /tokens/fetch as plain data in, plain data out. The Next route handler
 * (app/tokens/fetch/route.ts) and the Node fast path (lib/server/fast-path.ts) both answer
 * through this one function, so the two can never disagree on auth, limits or the contract.
 */
import { fetchTokenExample, fetchTokenRequest } from "@/lib/api/contract";
import { errorReply } from "@/lib/api/errors";
import { parseJsonText } from "@/lib/api/read-json";
import { jsonReply, type Reply } from "@/lib/api/respond";
import { authorizeAgent } from "@/lib/api/route";
import { fetchToken } from "./fetch-token";

export async function answerTokenFetch(authorization: string | null, readBody: () => Promise<string>, ip: () => string): Promise<Reply> {
  try {
    const { db, key, headers } = await authorizeAgent(authorization, ip);
    const input = parseJsonText(await readBody(), fetchTokenRequest, fetchTokenExample);
    return jsonReply(await fetchToken(db, key, input), 200, headers);
  } catch (err) {
    return errorReply(err);
  }
}
