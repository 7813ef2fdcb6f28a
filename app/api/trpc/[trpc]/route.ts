import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { env } from "@/lib/env";
import { createTRPCContext } from "@/lib/trpc/context";
import { appRouter } from "@/lib/trpc/root";
import { isSameOriginRequest } from "@/lib/api/same-origin";
import { logError, stripControl } from "@/lib/log";

export const dynamic = "force-dynamic";

function handle(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logError("trpc", error.cause ?? error, { path: stripControl(path ?? "?").slice(0, 80) });
    },
  });
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
