/**
 * Next's start-up hook. When `npm start` (scripts/serve.ts) asked for it, build the Node
 * fast path for POST /tokens/fetch from inside Next's bundle and hand it over. Under
 * `next start`, `next dev` or on Vercel nothing happens and the route handler serves.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { fastPathWanted, provideFastPath } = await import("./lib/server/fast-path-slot");
  if (!fastPathWanted()) return;
  const { createFastPath } = await import("./lib/server/fast-path");
  provideFastPath(createFastPath());
}
