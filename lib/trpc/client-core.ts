/**
 * Loaded on demand by ./client.ts (keep it out of static imports). The transformer must match
 * the server's (./init.ts), so Dates arrive as Dates; one batch link, so the calls a page makes
 * together (e.g. the activity filters and first page) share one request.
 */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { ApiClient } from "./client";
import type { AppRouter } from "./root";

export function createApiClient(): ApiClient {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: 10 /* = MAX_BATCH on the server */ })] });
}
