import { instrumented } from "@/lib/api/instrumented";
import { postProviderTokens } from "@/lib/provider-tokens/provider-tokens-handler";
import { methodNotAllowed } from "@/lib/service-api/service-route";

// A POST handler is dynamic anyway; saying so spares every request Next's tracking proxy around the request.
export const dynamic = "force-dynamic";

// POST /api/service/provider-tokens (`npm start` answers it on its Node fast path first; this serves `next start`, `next dev` and Vercel).
// Instrumented as the fast path is: X-Request-Id on every answer, the request metric under its own path.
export const POST = instrumented(postProviderTokens, "/api/service/provider-tokens");

const other = instrumented(methodNotAllowed(["POST"]), "/api/service/provider-tokens");
export { other as GET, other as PUT, other as PATCH, other as DELETE };
