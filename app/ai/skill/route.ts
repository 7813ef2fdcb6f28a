import { baseUrl } from "@/lib/api/base-url";
import { markdown } from "@/lib/api/respond";
import { publicRoute } from "@/lib/api/route";
import { skillMarkdownFor } from "@/lib/context";
import { providerAccess } from "@/lib/readiness/provider-readiness";

// GET /ai/skill – the agent skill document for this instance, generated from the catalog. No auth.
export const GET = publicRoute(async ({ req }) =>
  markdown(skillMarkdownFor(baseUrl(req), providerAccess()), { headers: { "cache-control": "public, max-age=300" } }),
);
