/**
 * npm run bench -- token-fetch
 * A production build served as `npm start` serves it (scripts/serve.ts: Next plus the
 * /tokens/fetch fast path; VIA=next-start for plain `next start`) on Postgres seeded with
 * 1,000 users, 10,000 connections and 1,000 keys; POST /tokens/fetch for random valid
 * keys/providers with autocannon at fixed concurrency (CONCURRENCY, default 32) for
 * DURATION s (default 20). Needs `npm run build`.
 */
import { describe, driveTokenFetch, CONCURRENCY, DURATION } from "./lib/load";
import { BENCH_PORT, prepareBench } from "./lib/prepare";
import { startAkhrot } from "./lib/server";

async function main() {
  const { workload, env } = await prepareBench();
  const via = process.env.VIA === "next-start" ? "next-start" : "serve";
  const server = await startAkhrot(BENCH_PORT, env, via);
  try {
    await driveTokenFetch(`http://127.0.0.1:${BENCH_PORT}`, workload, 3); // warm-up: JIT, pools, route compilation
    const r = await driveTokenFetch(`http://127.0.0.1:${BENCH_PORT}`, workload);
    console.log(`workload: ${workload.length} keys, ${workload.length * 10} connections, concurrency ${CONCURRENCY}, ${DURATION} s`);
    console.log(describe(`akhrot (${via === "serve" ? "npm start" : "next start"}) /tokens/fetch`, r, server.peakRssMb()));
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
