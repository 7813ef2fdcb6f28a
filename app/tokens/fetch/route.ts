import { instrumented } from "@/lib/api/instrumented";
import { clientIp } from "@/lib/api/client-ip";
import { readText } from "@/lib/api/read-json";
import { toResponse } from "@/lib/api/respond";
import { answerTokenFetch } from "@/lib/tokens/answer-token-fetch";

// A POST handler is dynamic anyway; saying so spares every request Next's tracking proxy around the request.
export const dynamic = "force-dynamic";

// POST /tokens/fetch – a fresh credential for one of the user's connections.
// (`npm start` answers this path on its Node fast path first; this handler serves `next start`, `next dev` and Vercel.)
export const POST = instrumented(async (req: Request): Promise<Response> => toResponse(await answerTokenFetch(req.headers.get("authorization"), () => readText(req), () => clientIp(req.headers))), "/tokens/fetch");
