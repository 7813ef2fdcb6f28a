import { z } from "zod";
import { getDb } from "@/db";
import { exportActivityCsv } from "@/lib/activity/export-activity-csv";
import { instrumented } from "@/lib/api/instrumented";
import { currentUser } from "@/lib/auth/require-user";

export const dynamic = "force-dynamic";

const filter = z.string().min(1).max(64).optional().catch(undefined);

// GET /dashboard/activity/export?provider=&key= – the signed-in user's activity as CSV, with the page's filters.
export const GET = instrumented(async (req: Request) => {
  const user = await currentUser();
  if (!user) return new Response("Sign in to download your activity.", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  const q = new URL(req.url).searchParams;
  const { csv } = await exportActivityCsv(await getDb(), user.id, { provider: filter.parse(q.get("provider") ?? undefined), apiKeyId: filter.parse(q.get("key") ?? undefined) });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="akhrot-activity-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
