/**
 * npm run bench -- floor
 * The same token-fetch workload against Akhrot (`npm start`'s server, then plain `next start`) and the floor
 * (bench/lib/floor-server.ts: node:http + one query + decrypt), same Postgres, same run.
 * Prints both and the ratios Akhrot ÷ floor for throughput and p99. Needs `npm run build`.
 */
import { describe, driveTokenFetch } from "./lib/load";
import { prepareBench } from "./lib/prepare";
import { startAkhrot, startServer } from "./lib/server";

async function main() {
  const { workload, env } = await prepareBench();
  const floor = await startServer(process.execPath, ["--import", "tsx", "bench/lib/floor-server.ts"], { ...env, PORT: "3611" }, "http://127.0.0.1:3611/ai/skill");
  let floorResult;
  try {
    await driveTokenFetch("http://127.0.0.1:3611", workload, 3);
    floorResult = await driveTokenFetch("http://127.0.0.1:3611", workload);
    console.log(describe("floor  /tokens/fetch", floorResult, floor.peakRssMb()));
  } finally {
    await floor.stop();
  }
  // `npm start` (Node fast path for /tokens/fetch) is the figure the goal is judged on; plain
  // `next start` (the route handler, as on Vercel) is printed beside it for comparison.
  for (const via of ["serve", "next-start"] as const) {
    const akhrot = await startAkhrot(3610, env, via);
    try {
      await driveTokenFetch("http://127.0.0.1:3610", workload, 3);
      const r = await driveTokenFetch("http://127.0.0.1:3610", workload);
      const name = via === "serve" ? "akhrot (npm start)" : "akhrot (next start)";
      console.log(describe(`${name} /tokens/fetch`, r, akhrot.peakRssMb()));
      console.log(`ratio throughput ${name}/floor: ${(r.requests.average / floorResult.requests.average).toFixed(2)} (goal >= 0.5)`);
      console.log(`ratio p99 ${name}/floor: ${(r.latency.p99 / Math.max(1, floorResult.latency.p99)).toFixed(2)} (goal <= 2)`);
    } finally {
      await akhrot.stop();
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
