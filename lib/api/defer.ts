import { after } from "next/server";

/**
 * Run bookkeeping (activity rows, last-used stamps) after the response is sent. Inside a
 * Next request, `after()` also keeps a serverless function alive until the task finishes
 * (waitUntil on Vercel); outside one (tests, CLI) the task simply runs unawaited. Failures
 * are logged by name and dropped: bookkeeping never fails a credential fetch.
 */
export function defer(task: () => Promise<unknown>): void {
  const run = () => task().catch((err: unknown) => console.error(`akhrot: deferred write failed: ${err instanceof Error ? err.name : "error"}`));
  try {
    after(run);
  } catch {
    void run();
  }
}
