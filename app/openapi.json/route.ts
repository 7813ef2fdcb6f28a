import { baseUrl } from "@/lib/api/base-url";
import { json } from "@/lib/api/respond";
import { publicRoute } from "@/lib/api/route";
import { buildOpenApi } from "@/lib/api/openapi/build-openapi";

// GET /openapi.json – the OpenAPI 3.1 document of the agent REST API, generated from its zod schemas. No auth.
export const GET = publicRoute(async ({ req }) => json(buildOpenApi(baseUrl(req)), { headers: { "cache-control": "public, max-age=300" } }));
