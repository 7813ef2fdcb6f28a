import { getDb } from "@/db";
import { instrumented } from "@/lib/api/instrumented";
import { json } from "@/lib/api/respond";
import { checkReadiness } from "@/lib/health/check-readiness";

export const dynamic = "force-dynamic";

// GET /readyz – readiness: database reachable and migrated, encryption key loads, Redis
// reachable when configured. 200 when all pass; 503 naming the failed checks (no secrets).
export const GET = instrumented(async () => {
  const readiness = await checkReadiness({ db: getDb });
  return json(readiness, { status: readiness.failed.length ? 503 : 200 });
});
