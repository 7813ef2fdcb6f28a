import { env } from "@/lib/env";
import { createTRPCContext } from "@/lib/trpc/context";
import { handleTrpcRequest } from "@/lib/trpc/handle-request";
import { isSameOriginRequest } from "@/lib/api/same-origin";

export const dynamic = "force-dynamic";

function handle(req: Request): Promise<Response> {
  return handleTrpcRequest(req, () => createTRPCContext({ headers: req.headers }));
}

// GET /api/trpc/* – dashboard queries (session cookie).
export const GET = handle;

// POST /api/trpc/* – dashboard mutations; refused from another origin.
export async function POST(req: Request): Promise<Response> {
  if (!isSameOriginRequest(req, env().APP_URL)) {
    return Response.json({ error: { code: "FORBIDDEN", message: "Cross-origin request refused." } }, { status: 403 });
  }
  return handle(req);
}
