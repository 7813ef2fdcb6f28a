/**
 * The request id of the request being served, carried through async calls, so every log line
 * written while answering it names it (`reqId`) and the response echoes it in X-Request-Id.
 * A caller's own X-Request-Id is kept when it is short and plain; anything else is replaced.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/**
 * The request being answered. One store for everything per request: every AsyncLocalStorage in
 * use adds work to every promise Node creates (Node 20's async hooks).
 */
export type RequestScope = { reqId: string };
const holder = globalThis as typeof globalThis & { __akhrotRequestCtx?: AsyncLocalStorage<RequestScope>; __akhrotContextOff?: { sections: number } };
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

/**
 * For npm start's front thread (lib/server/front-worker.ts): no AsyncLocalStorage around each
 * request. Once any is entered, Node runs async hooks for every promise of the thread (in Node 20),
 * a quarter of a token fetch's CPU there. The hot routes' common answers log nothing; the rare
 * paths that do (a refresh, an unexpected error) enter the request id with `withRequestIdBriefly`,
 * and the storage is switched off again when the last such section ends.
 */
export function keepRequestContextOff(): void {
  holder.__akhrotContextOff ??= { sections: 0 };
}

export function requestContextIsOff(): boolean {
  return holder.__akhrotContextOff !== undefined;
}

/**
 * `fn` with `reqId` bound for its log lines, unless a request id is bound already. In a thread
 * that keeps the context off, the storage is enabled for the section and disabled after the last
 * open section settles (promises `fn` starts without awaiting may then log without the id).
 */
export function withRequestIdBriefly<T>(reqId: string | undefined, fn: () => T): T {
  if (!reqId || storage.getStore()) return fn();
  const off = holder.__akhrotContextOff;
  if (!off) return storage.run({ reqId }, fn);
  off.sections++;
  const end = () => {
    if (--off.sections === 0) storage.disable();
  };
  let result: T;
  try {
    result = storage.run({ reqId }, fn);
  } catch (err) {
    end();
    throw err;
  }
  if (result instanceof Promise) return result.finally(end) as T;
  end();
  return result;
}
