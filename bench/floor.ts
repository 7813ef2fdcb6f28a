/**
 * npm run bench -- floor
 * Both hot routes (POST /tokens/fetch, POST /api/service/provider-tokens) against the floor
 * (bench/lib/floor-server.ts: node:http + one query + decrypt), Akhrot under `npm start`
 * (scripts/serve.ts) and Akhrot under plain `next start` (the route handlers), on this
 * machine's Node; then the route handlers "as on Vercel": `next start` and its own floor on the
 * Node major Vercel deploys (bench/lib/vercel-node.ts; skipped with BENCH_VERCEL_NODE=off).
 * All servers are up at once on one Postgres. RUNS (default 5) consecutive rounds, each driving
 * every server and route at concurrency CONCURRENCY (32) for DURATION s (5, after WARM s unmeasured) and at concurrency 1
 * for LOW_DURATION s (3); then the medians, the ratios to the floor on the same Node (median of
 * each round's ratio, so load that drifts between rounds cancels out), each server's CPU time per
 * request (what a busy shared machine disturbs least), the peak RSS of each server's processes,
 * and the goals of issue 18, met or not.
 * Ports BENCH_PORT (3610) .. +4. Needs `npm run build`.
 */
import type { Result } from "autocannon";
import { drive, providerTokensRoute, tokenFetchRoute, type Route } from "./lib/load";
import { BENCH_PORT, prepareBench } from "./lib/prepare";
import { startAkhrot, startServer, type Running } from "./lib/server";
import { vercelNode } from "./lib/vercel-node";

const RUNS = Number(process.env.RUNS ?? 5);
const DURATION = Number(process.env.DURATION ?? 5);
const LOW_DURATION = Number(process.env.LOW_DURATION ?? 3);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
/**
 * Seconds of the same load, unmeasured, right before each measured run. Each server sits idle
 * while the others are driven (~60 s with five servers), and the first second after such a lull
 * is slow: V8 has shrunk the idle heap, the key caches have run out. Without this, that
 * recovery was billed to whichever route a server ran first (next start on Node 24: 1,256-1,289
 * µs of CPU per token fetch after 30 s idle, 722-1,017 µs without the idle). Its rate is
 * printed as "warm-up" (for a server's first route, the second after the lull): the lull stays
 * visible.
 */
const WARM = Number(process.env.WARM ?? 1);

const GOALS = { throughput: 0.8, p99: 1.5, rss: 2, nextThroughput: 0.2 };

/** cpuUs: the server's CPU time per request in the concurrency-32 run (the figure machine load disturbs least). */
type Sample = { rps: number; p99: number; p50c1: number; cpuUs: number; afterIdle: number };
/** floor: the index of the floor server on the same Node, which this server's ratios are taken to. */
type Server = { name: string; floor: number; start: (port: number) => Promise<Running> };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const errorsOf = (r: Result) => r.errors + r.timeouts + r.non2xx;
const nodeMajor = (version: string) => version.replace(/^v/, "").split(".")[0];

async function main() {
  const { workload, service, env } = await prepareBench();
  const routes: Route[] = [tokenFetchRoute(workload), providerTokensRoute(service)];
  const here = nodeMajor(process.version);
  const floorOn = (node: string) => (port: number) => startServer(node, ["--import", "tsx", "bench/lib/floor-server.ts"], { ...env, PORT: String(port) }, `http://127.0.0.1:${port}/ai/skill`);
  const servers: Server[] = [
    { name: "floor", floor: 0, start: floorOn(process.execPath) },
    { name: "npm start", floor: 0, start: (port) => startAkhrot(port, env, "serve") },
    { name: "next start", floor: 0, start: (port) => startAkhrot(port, env, "next-start") },
  ];
  const vercel = vercelNode();
  // The route handlers as on Vercel: unless this machine already runs Vercel's Node (then the rows above are that leg).
  let vercelLeg = 2;
  if ("bin" in vercel && vercel.bin !== process.execPath) {
    const major = nodeMajor(vercel.version);
    servers.push({ name: `floor @${major}`, floor: 3, start: floorOn(vercel.bin) });
    servers.push({ name: `next start @${major}`, floor: 3, start: (port) => startAkhrot(port, env, "next-start", vercel.bin) });
    vercelLeg = 4;
  }
  console.log(`Node here ${process.version}; as on Vercel: ${"bin" in vercel ? `${vercel.version}${vercelLeg === 2 ? " (this node)" : ` (${vercel.bin})`}` : `skipped (${vercel.skipped})`}`);
  const width = Math.max(...servers.map((s) => s.name.length)) + 1;
  const running: Running[] = [];
  const samples = new Map<string, Sample[]>();
  try {
    for (const [i, server] of servers.entries()) running.push(await server.start(BENCH_PORT + i));
    // Warm-up: JIT, pools, route compilation, key caches.
    for (const i of servers.keys()) for (const route of routes) await drive(`http://127.0.0.1:${BENCH_PORT + i}`, route, 3);
    for (let run = 1; run <= RUNS; run++) {
      for (const [s, { name }] of servers.entries()) {
        for (const route of routes) {
          const url = `http://127.0.0.1:${BENCH_PORT + s}`;
          const server = running[s];
          const warm = WARM > 0 ? await drive(url, route, WARM, CONCURRENCY) : undefined;
          const cpuBefore = server?.cpuMs() ?? 0;
          const hi = await drive(url, route, DURATION, CONCURRENCY);
          const cpuUs = (1000 * ((server?.cpuMs() ?? 0) - cpuBefore)) / Math.max(1, hi.requests.total);
          const lo = await drive(url, route, LOW_DURATION, 1);
          const sample = { rps: hi.requests.average, p99: hi.latency.p99, p50c1: lo.latency.p50, cpuUs, afterIdle: warm ? warm.requests.total / WARM : 0 };
          const key = `${name}|${route.name}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          const errors = errorsOf(hi) + errorsOf(lo) + (warm ? errorsOf(warm) : 0);
          console.log(
            `run ${run}  ${name.padEnd(width)} ${route.name.padEnd(34)} ${sample.rps.toFixed(0).padStart(6)} req/s  p99@c${CONCURRENCY} ${String(sample.p99).padStart(3)} ms  p50@c1 ${sample.p50c1} ms  cpu ${sample.cpuUs.toFixed(0)} µs/req  warm-up ${sample.afterIdle.toFixed(0)} req/s${errors ? `  ERRORS ${errors}` : ""}`,
          );
        }
      }
    }
  } finally {
    for (const s of running) await s.stop();
  }

  console.log(`\nmedians of ${RUNS} runs (concurrency ${CONCURRENCY}, ${DURATION} s after ${WARM} s unmeasured, whose rate is "warm-up"; p50 at concurrency 1, ${LOW_DURATION} s); ratios are the median of each run's ratio to the floor on the same Node`);
  const verdicts: string[] = [];
  const judge = (what: string, value: number, goal: number, atLeast: boolean) =>
    verdicts.push(`${(atLeast ? value >= goal : value <= goal) ? "met    " : "NOT met"}  ${what}: ${value.toFixed(2)} (goal ${atLeast ? ">=" : "<="} ${goal})`);
  for (const route of routes) {
    for (const [s, server] of servers.entries()) {
      const floor = samples.get(`${servers[server.floor]?.name}|${route.name}`) ?? [];
      const mine = samples.get(`${server.name}|${route.name}`) ?? [];
      const ratio = (f: (x: Sample) => number) => median(mine.map((m, i) => f(m) / Math.max(1, f(floor[i] ?? m))));
      const line = `${server.name.padEnd(width)} ${route.name.padEnd(34)} ${median(mine.map((m) => m.rps)).toFixed(0).padStart(6)} req/s  p99 ${median(mine.map((m) => m.p99))} ms  p50@c1 ${median(mine.map((m) => m.p50c1))} ms  cpu ${median(mine.map((m) => m.cpuUs)).toFixed(0)} µs/req  warm-up ${median(mine.map((m) => m.afterIdle)).toFixed(0)} req/s`;
      if (server.floor === s) {
        console.log(line);
        continue;
      }
      const tp = ratio((m) => m.rps);
      const p99 = ratio((m) => m.p99);
      console.log(`${line}  ×floor: throughput ${tp.toFixed(2)}  p99 ${p99.toFixed(2)}  p50@c1 ${ratio((m) => m.p50c1).toFixed(2)}  cpu ${ratio((m) => m.cpuUs).toFixed(2)}`);
      if (s === 1) {
        judge(`npm start ${route.name} throughput ×floor`, tp, GOALS.throughput, true);
        judge(`npm start ${route.name} p99 ×floor`, p99, GOALS.p99, false);
      }
      if (s === vercelLeg) {
        const where = "bin" in vercel ? `as on Vercel (${server.name})` : `(${server.name} on Node ${here}; the Vercel leg was skipped)`;
        judge(`route handlers ${where} ${route.name} throughput ×floor`, tp, GOALS.nextThroughput, true);
      }
    }
  }
  const floorRss = running[0]?.peakRssMb() ?? 1;
  for (const [s, { name, floor }] of servers.entries()) {
    const rss = running[s]?.peakRssMb() ?? 0;
    console.log(`peak RSS ${name.padEnd(width)} ${String(rss).padStart(4)} MB${s !== floor ? `  ×floor ${(rss / (running[floor]?.peakRssMb() ?? 1)).toFixed(2)}` : ""}`);
  }
  judge("npm start peak RSS ×floor", (running[1]?.peakRssMb() ?? 0) / floorRss, GOALS.rss, false);
  // Start to first answer (GET /ai/skill), node and its loader included; the cold start a fresh instance pays.
  for (const [s, { name }] of servers.entries()) console.log(`start to first answer ${name.padEnd(width)} ${((running[s]?.readyMs ?? 0) / 1000).toFixed(1)} s`);
  console.log(`\ngoals (issue 18; Node here ${here}):\n${verdicts.join("\n")}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
