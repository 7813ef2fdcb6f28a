import { AsyncLocalStorage } from "node:async_hooks";
import { after } from "next/server";
import { currentRequest, logError } from "@/lib/log";

/**
 * Run bookkeeping (activity rows, last-used stamps) after the response is sent. Inside a
 * Next request, `after()` also keeps a serverless function alive until the task finishes
 * (waitUntil on Vercel); outside one (the Node fast path, tests, CLI) the task simply runs
 * unawaited. Failures are logged by name and dropped: bookkeeping never fails a credential fetch.
 *
 * Within an instrumented request (lib/api/instrumented.ts) the writes of one answer share ONE
 * `after()`: each call costs Next a context snapshot (on Node 20, AsyncResource.bind and two
 * util.deprecate wrappers) and a queue entry, and a credential fetch defers two or three writes.
 * The shared callback starts them together, in order, as Next's queue would have, and Vercel
 * waits for all of them. A write deferred once that callback has started (from inside a
 * deferred task, say) gets an `after()` of its own.
 */
const noNextRequest = new AsyncLocalStorage<true>();
const holder = globalThis as typeof globalThis & { __akhrotNoNextHere?: boolean };

/** npm start's front thread (lib/server/front-worker.ts) serves no Next request at all: tasks start at once there. */
export function markNoNextHere(): void {
  holder.__akhrotNoNextHere = true;
}

/**
 * Run `fn` where `defer()` starts tasks at once without asking Next's `after()`: the Node fast
 * path has no Next request, and `after()` would throw (an Error with a stack) on every call.
 */
export function outsideNext<T>(fn: () => T): T {
  return holder.__akhrotNoNextHere ? fn() : noNextRequest.run(true, fn);
}

const logFailure = (err: unknown) => logError("deferred-write", err);

export function defer(task: () => Promise<unknown>): void {
  if (holder.__akhrotNoNextHere || noNextRequest.getStore()) {
    // Started at once, and nothing here outlives the call but `logFailure` (module-level): a
    // handler made in this scope would keep `task`, and with it whatever the caller's closure
    // holds (a token fetch's whole connection row), alive until the batched write settles.
    void task().catch(logFailure);
    return;
  }
  const run = () => task().catch(logFailure);
  const scope = currentRequest();
  if (!scope) return runAfter(run);
  if (scope.deferred) {
    scope.deferred.push(run);
    return;
  }
  const batch = [run];
  scope.deferred = batch;
  runAfter(() => {
    if (scope.deferred === batch) scope.deferred = undefined;
    return Promise.all(batch.map((r) => r()));
  });
}

function runAfter(run: () => Promise<unknown>): void {
  try {
    after(run);
  } catch {
    void run();
  }
}
