/**
 * The dashboard API's HTTP handling, shared by app/api/trpc and its tests: a capped body
 * (lib/api/body-cap.ts), at most MAX_BATCH calls per request, and errors that never carry
 * internals. Anything unexpected reaches the browser as INTERNAL_SERVER_ERROR with a generic
 * message (see errorFormatter in ./init.ts); the operator gets the cause in the log, redacted
 * and without the SQL parameters drizzle puts in its messages.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { withCappedBody } from "@/lib/api/body-cap";
import { redact } from "@/lib/api/errors";
import type { TRPCContext } from "./init";
import { appRouter } from "./root";
import { log, stripControl } from "@/lib/log";

/** The dashboard never batches more than a handful of calls; the client link uses the same bound. */
export const MAX_BATCH = 10;

/** One log line for an unexpected error: names and messages down the cause chain, params cut off. */
export function describeInternalError(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 4; depth++, e = e.cause) {
    const message = e.message.split(/\nparams:/)[0] ?? "";
    parts.push(`${e.name}: ${redact(message).replace(/[\r\n]+/g, " ").slice(0, 500)}`);
  }
  return parts.join(" <- ") || "non-error value thrown";
}

export async function handleTrpcRequest(req: Request, createContext: () => Promise<TRPCContext>): Promise<Response> {
  const capped = await withCappedBody(req);
  if (capped instanceof Response) return capped;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: capped,
    router: appRouter,
    maxBatchSize: MAX_BATCH,
    createContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") log().error({ where: "trpc" }, `[trpc] ${stripControl(path ?? "?").slice(0, 80)}: ${describeInternalError(error.cause ?? error)}`);
    },
  });
}
