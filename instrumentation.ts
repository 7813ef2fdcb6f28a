/**
 * Next's start-up hook. When `npm start` (scripts/serve.ts) asked for it, build the Node
 * fast paths for POST /tokens/fetch and POST /api/service/provider-tokens from inside Next's bundle and hand it over. Under
 * `next start`, `next dev` or on Vercel nothing happens and the route handler serves.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { fastPathWanted, provideFastPath } = await import("./lib/server/fast-path-slot");
  if (!fastPathWanted()) return;
  const { createFastPath } = await import("./lib/server/fast-path");
  const { withServiceFastPath } = await import("./lib/server/service-fast-path");
  provideFastPath(withServiceFastPath(createFastPath()));
}
