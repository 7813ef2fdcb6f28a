import { instrumented } from "@/lib/api/instrumented";
import { json } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

// GET /healthz – liveness: the process answers. Touches nothing else (no database), so a slow
// database never gets a healthy instance restarted; /readyz says whether it can serve.
export const GET = instrumented(async () => json({ status: "ok" }));
