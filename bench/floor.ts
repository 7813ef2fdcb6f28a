/**
 * npm run bench -- floor
 * Both hot routes (POST /tokens/fetch, POST /api/service/provider-tokens) against the floor
 * (bench/lib/floor-server.ts: node:http + one query + decrypt), Akhrot under `npm start`
 * (scripts/serve.ts) and Akhrot under plain `next start` (the route handlers, as on Vercel),
 * all three up at once on one Postgres. RUNS (default 5) consecutive rounds, each driving every
 * server and route at concurrency CONCURRENCY (32) for DURATION s (5) and at concurrency 1 for
 * LOW_DURATION s (3); then the medians, the ratios to the floor (median of each round's ratio,
 * so load that drifts between rounds cancels out), each server's CPU time per request (what a
 * busy shared machine disturbs least) and the peak RSS of each server's processes.
 * Ports BENCH_PORT (3610) .. +2. Needs `npm run build`.
 */
import type { Result } from "autocannon";
import { drive, providerTokensRoute, tokenFetchRoute, type Route } from "./lib/load";
import { BENCH_PORT, prepareBench } from "./lib/prepare";
import { startAkhrot, startServer, type Running } from "./lib/server";

const RUNS = Number(process.env.RUNS ?? 5);
const DURATION = Number(process.env.DURATION ?? 5);
const LOW_DURATION = Number(process.env.LOW_DURATION ?? 3);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);

const GOALS = { throughput: 0.8, p99: 1.5, rss: 2, nextThroughput: 0.2 };

/** cpuUs: the server's CPU time per request in the concurrency-32 run (the figure machine load disturbs least). */
type Sample = { rps: number; p99: number; p50c1: number; cpuUs: number };
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const errorsOf = (r: Result) => r.errors + r.timeouts + r.non2xx;

async function main() {
  const { workload, service, env } = await prepareBench();
  const routes: Route[] = [tokenFetchRoute(workload), providerTokensRoute(service)];
  const names = ["floor", "npm start", "next start"] as const;
  const ports = [BENCH_PORT, BENCH_PORT + 1, BENCH_PORT + 2];
  const servers: Running[] = [];
  const samples = new Map<string, Sample[]>();
  try {
    servers.push(await startServer(process.execPath, ["--import", "tsx", "bench/lib/floor-server.ts"], { ...env, PORT: String(ports[0]) }, `http://127.0.0.1:${ports[0]}/ai/skill`));
    servers.push(await startAkhrot(BENCH_PORT + 1, env, "serve"));
    servers.push(await startAkhrot(BENCH_PORT + 2, env, "next-start"));
    // Warm-up: JIT, pools, route compilation, key caches.
    for (const port of ports) for (const route of routes) await drive(`http://127.0.0.1:${port}`, route, 3);
    for (let run = 1; run <= RUNS; run++) {
      for (const [s, name] of names.entries()) {
        for (const route of routes) {
          const url = `http://127.0.0.1:${ports[s]}`;
          const server = servers[s];
          const cpuBefore = server?.cpuMs() ?? 0;
          const hi = await drive(url, route, DURATION, CONCURRENCY);
          const cpuUs = (1000 * ((server?.cpuMs() ?? 0) - cpuBefore)) / Math.max(1, hi.requests.total);
          const lo = await drive(url, route, LOW_DURATION, 1);
          const sample = { rps: hi.requests.average, p99: hi.latency.p99, p50c1: lo.latency.p50, cpuUs };
          const key = `${name}|${route.name}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          const errors = errorsOf(hi) + errorsOf(lo);
          console.log(
            `run ${run}  ${name.padEnd(10)} ${route.name.padEnd(34)} ${sample.rps.toFixed(0).padStart(6)} req/s  p99@c${CONCURRENCY} ${String(sample.p99).padStart(3)} ms  p50@c1 ${sample.p50c1} ms  cpu ${sample.cpuUs.toFixed(0)} µs/req${errors ? `  ERRORS ${errors}` : ""}`,
          );
        }
      }
    }
  } finally {
    for (const s of servers) await s.stop();
  }

  console.log(`\nmedians of ${RUNS} runs (concurrency ${CONCURRENCY}, ${DURATION} s; p50 at concurrency 1, ${LOW_DURATION} s); ratios are the median of each run's ratio to the floor`);
  const floorRss = servers[0]?.peakRssMb() ?? 1;
  for (const route of routes) {
    const floor = samples.get(`floor|${route.name}`) ?? [];
    for (const [s, name] of names.entries()) {
      const mine = samples.get(`${name}|${route.name}`) ?? [];
      const ratio = (f: (x: Sample) => number) => median(mine.map((m, i) => f(m) / Math.max(1, f(floor[i] ?? m))));
      const line = `${name.padEnd(10)} ${route.name.padEnd(34)} ${median(mine.map((m) => m.rps)).toFixed(0).padStart(6)} req/s  p99 ${median(mine.map((m) => m.p99))} ms  p50@c1 ${median(mine.map((m) => m.p50c1))} ms  cpu ${median(mine.map((m) => m.cpuUs)).toFixed(0)} µs/req`;
      if (s === 0) {
        console.log(line);
        continue;
      }
      const tp = ratio((m) => m.rps);
      const p99 = ratio((m) => m.p99);
      const goals = s === 1 ? `(goals >= ${GOALS.throughput}, <= ${GOALS.p99})` : `(goal >= ${GOALS.nextThroughput})`;
      console.log(`${line}  ×floor: throughput ${tp.toFixed(2)}  p99 ${p99.toFixed(2)}  p50@c1 ${ratio((m) => m.p50c1).toFixed(2)}  cpu ${ratio((m) => m.cpuUs).toFixed(2)}  ${goals}`);
    }
  }
  for (const [s, name] of names.entries()) {
    const rss = servers[s]?.peakRssMb() ?? 0;
    console.log(`peak RSS ${name.padEnd(10)} ${String(rss).padStart(4)} MB${s ? `  ×floor ${(rss / floorRss).toFixed(2)}${s === 1 ? ` (goal <= ${GOALS.rss})` : ""}` : ""}`);
  }
  // Start to first answer (GET /ai/skill), node and its loader included; the cold start a fresh instance pays.
  for (const [s, name] of names.entries()) console.log(`start to first answer ${name.padEnd(10)} ${((servers[s]?.readyMs ?? 0) / 1000).toFixed(1)} s`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
