/**
 * The dashboard's tRPC client for client components: the vanilla typed client and no query
 * cache (pages keep their data in React state: ./client-query.ts, ./client-action.ts).
 * The transformer must match the server's (./init.ts), so Dates arrive as Dates; one batch
 * link, so the calls a page makes together share one request.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCClient } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "./root";

export type ApiClient = TRPCClient<AppRouter>;

/** A failed call: `data.code` is the tRPC code, `data.issues` the zod messages (./init.ts). */
export type ApiClientError = TRPCClientError<AppRouter>;

let client: ApiClient | undefined;

/** The one client of this browser tab, created on first use (never during server rendering). */
export function trpc(): ApiClient {
  client ??= createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] });
  return client;
}

/** Any thrown thing as a client error (the client already throws these; a bug elsewhere may not). */
export function asApiError(e: unknown): ApiClientError {
  return TRPCClientError.from<AppRouter>(e instanceof Error ? e : new Error(String(e)));
}
