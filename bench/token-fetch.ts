/**
 * npm run bench -- token-fetch
 * A production build (`next start`) on Postgres seeded with 1,000 users, 10,000 connections
 * and 1,000 keys; POST /tokens/fetch for random valid keys/providers with autocannon at fixed
 * concurrency (CONCURRENCY, default 32) for DURATION s (default 20). Needs `npm run build`.
 */
import { describe, driveTokenFetch, CONCURRENCY, DURATION } from "./lib/load";
import { prepareBench } from "./lib/prepare";
import { startAkhrot } from "./lib/server";

async function main() {
  const { workload, env } = await prepareBench();
  const server = await startAkhrot(3610, env);
  try {
    await driveTokenFetch("http://127.0.0.1:3610", workload, 3); // warm-up: JIT, pools, route compilation
    const r = await driveTokenFetch("http://127.0.0.1:3610", workload);
    console.log(`workload: ${workload.length} keys, ${workload.length * 10} connections, concurrency ${CONCURRENCY}, ${DURATION} s`);
    console.log(describe("akhrot /tokens/fetch", r, server.peakRssMb()));
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
