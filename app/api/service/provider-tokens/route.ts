import { postProviderTokens } from "@/lib/provider-tokens/provider-tokens-handler";
import { methodNotAllowed } from "@/lib/service-api/service-route";

// POST /api/service/provider-tokens (`npm start` answers it on its Node fast path first; this serves `next start`, `next dev` and Vercel).
export const POST = postProviderTokens;

const other = methodNotAllowed(["POST"]);
export { other as GET, other as PUT, other as PATCH, other as DELETE };
