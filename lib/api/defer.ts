import { AsyncLocalStorage } from "node:async_hooks";
import { after } from "next/server";
import { logError } from "@/lib/log";

/**
 * Bookkeeping (activity rows, last-used stamps) that must not hold up the answer. The task
 * starts at once: it only queues its row for a batched write (db/write-batcher.ts), whose
 * promise settles when the batch is in. Inside a Next request that promise is handed to
 * `after()`, so Vercel keeps the function alive until the write is in (waitUntil) and `next
 * start` waits for it before it exits; outside one (the Node fast path, tests, CLI) it simply
 * runs unawaited. Failures are logged by name and dropped: bookkeeping never fails a fetch.
 *
 * Why a promise and not a callback: `after(callback)` costs Next, per request, a hook on the
 * response's close, a snapshot of every AsyncLocalStorage (on Node 20, AsyncResource.bind and
 * two util.deprecate wrappers) and a task queue run in fresh request stores; `after(promise)`
 * is one waitUntil. Under `next start` a token fetch cost 1,026-1,037 µs of CPU with one shared
 * `after(callback)` per request and 919-984 µs with this (Node 24; provider-tokens 1,051-1,151
 * → 911-920 µs; bench/floor.ts's workload, two interleaved rounds). The task now starts before
 * the answer is written instead of after it; it queues a row and returns, the write itself
 * is in the batch's own time. Work that must not begin before the answer has gone uses
 * `afterResponse()` below.
 */
const noNextRequest = new AsyncLocalStorage<true>();
const holder = globalThis as typeof globalThis & { __akhrotNoNextHere?: boolean };

/** npm start's front thread (lib/server/front-worker.ts) serves no Next request at all: tasks start at once there. */
export function markNoNextHere(): void {
  holder.__akhrotNoNextHere = true;
}

/**
 * Run `fn` where `defer()` does not ask Next's `after()`: the Node fast path has no Next
 * request, and `after()` would throw (an Error with a stack) on every call.
 */
export function outsideNext<T>(fn: () => T): T {
  return holder.__akhrotNoNextHere ? fn() : noNextRequest.run(true, fn);
}

const logFailure = (err: unknown) => logError("deferred-write", err);

/** npm start's front thread, or inside `outsideNext()`: no Next request to hand work to. */
const noNextRequestHere = (): boolean => holder.__akhrotNoNextHere === true || noNextRequest.getStore() === true;

export function defer(task: () => Promise<unknown>): void {
  // Nothing here outlives the call but the running promise and `logFailure` (module-level):
  // a handler made in this scope would keep `task`, and with it whatever the caller's closure
  // holds (a token fetch's whole connection row), alive until the batched write settles.
  const running = task().catch(logFailure);
  if (noNextRequestHere()) return;
  try {
    after(running);
  } catch {
    // Not inside a Next request (a script, a test): the task already runs, unawaited.
  }
}

/**
 * Work that must not begin until the answer has gone: mail whose timing must not tell whether
 * an address is registered (sign-up, password reset), webhook runs that wait for the emitting
 * transaction to commit. Next's `after(callback)`: it costs a request more than `defer()`, and
 * none of these is on a hot path. Outside a Next request it runs at once, like `defer()`.
 */
export function afterResponse(task: () => Promise<unknown>): void {
  const run = () => task().catch(logFailure);
  if (noNextRequestHere()) {
    void run();
    return;
  }
  try {
    after(run);
  } catch {
    void run();
  }
}
