/**
 * The dashboard's tRPC client for client components: the vanilla typed client (./client-core.ts)
 * and no query cache (pages keep their data in React state: ./client-query.ts, ./client-action.ts).
 *
 * It is loaded on first use, not with the page: @trpc/client and superjson are ~9 KB gzip, and
 * the dashboard pages' first-load JavaScript has a 150 KB budget (`npm run bench -- bundle`).
 * Import only types from @trpc/client here, or the whole client comes back into the page.
 */
import type { TRPCClient, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "./root";

export type ApiClient = TRPCClient<AppRouter>;

/** A failed call: `data.code` is the tRPC code, `data.issues` the zod messages (./init.ts). */
export type ApiClientError = Pick<TRPCClientError<AppRouter>, "message" | "data">;

let client: Promise<ApiClient> | undefined;

/** The one client of this browser tab (never used during server rendering). */
export function trpc(): Promise<ApiClient> {
  client ??= import("./client-core").then(
    (m) => m.createApiClient(),
    (e: unknown) => {
      client = undefined; // the chunk did not load (offline?): let the next call try again
      throw e;
    },
  );
  return client;
}

function isClientError(e: unknown): e is ApiClientError {
  return e instanceof Error && e.name === "TRPCClientError";
}

/** Any thrown thing as a client error: the client throws TRPCClientError, a failed load does not. */
export function asApiError(e: unknown): ApiClientError {
  if (isClientError(e)) return e;
  return { message: e instanceof Error ? e.message : String(e), data: undefined };
}
