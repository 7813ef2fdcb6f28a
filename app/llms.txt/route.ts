import { baseUrl } from "@/lib/api/base-url";
import { publicRoute } from "@/lib/api/route";
import { buildLlmsTxt } from "@/lib/context/build-llms-txt";

// GET /llms.txt – the llms.txt index for this instance (the skill, the summary, one document per provider). No auth.
export const GET = publicRoute(async ({ req }) =>
  new Response(buildLlmsTxt(baseUrl(req)), { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=300" } }),
);
