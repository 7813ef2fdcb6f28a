/**
 * The request id of the request being served, carried through async calls, so every log line
 * written while answering it names it (`reqId`) and the response echoes it in X-Request-Id.
 * A caller's own X-Request-Id is kept when it is short and plain; anything else is replaced.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/**
 * The request being answered: its id, and the bookkeeping lib/api/defer.ts holds for after the
 * response (one `after()` per request, not one per write). Kept on this one store: every
 * AsyncLocalStorage in use adds work to every promise Node creates (Node 20's async hooks).
 */
export type RequestScope = { reqId: string; deferred?: (() => Promise<unknown>)[] };
const holder = globalThis as typeof globalThis & { __akhrotRequestCtx?: AsyncLocalStorage<RequestScope> };
const storage: AsyncLocalStorage<RequestScope> = (holder.__akhrotRequestCtx ??= new AsyncLocalStorage<RequestScope>());

export const REQUEST_ID_HEADER = "x-request-id";
const SAFE_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

export function withRequestId<T>(reqId: string, fn: () => T): T {
  return storage.run({ reqId }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.reqId;
}

export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}
