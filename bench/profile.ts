/**
 * npm run bench -- profile [serve|next-start|floor] [tokens|provider-tokens]
 * One hot route's workload (POST /tokens/fetch, or POST /api/service/provider-tokens) against
 * one server started with `--cpu-prof` on port BENCH_PORT + 1, then where its CPU
 * went: self time by area (Next, database driver, drizzle, crypto, our code, GC, …) and the
 * top functions. The evidence behind the Performance section. Needs `npm run build`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { drive, providerTokensRoute, tokenFetchRoute } from "./lib/load";
import { BENCH_PORT, prepareBench } from "./lib/prepare";
import { akhrotArgs, startServer } from "./lib/server";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; endTime: number; startTime: number };

const AREAS: [string, RegExp][] = [
  ["next", /node_modules\/next\//],
  ["postgres driver", /node_modules\/postgres\//],
  ["drizzle", /drizzle-orm/],
  ["zod", /node_modules\/zod\//],
  ["ratelimit", /@upstash|ioredis/],
  ["other packages", /node_modules\//],
  ["akhrot", /(^|\/)(lib|db|app|scripts|bench)\/|\.next\/akhrot\//],
  ["node internals", /^node:|^internal\//],
];

/** Frames in Next's bundles point into chunks; their source maps say which file they came from. */
const maps = new Map<string, SourceMap | null>();
function original(url: string, line: number, column: number): { source: string; line: number } | undefined {
  if (!url.includes("/.next/")) return undefined;
  let map = maps.get(url);
  if (map === undefined) {
    const file = `${url.replace(/^file:\/\//, "")}.map`;
    map = existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, "utf8")) as ConstructorParameters<typeof SourceMap>[0]) : null;
    maps.set(url, map);
  }
  const entry = map?.findEntry(line, column);
  return entry && "originalSource" in entry ? { source: entry.originalSource, line: entry.originalLine + 1 } : undefined;
}

function area(url: string, fn: string): string {
  if (fn === "(garbage collector)") return "gc";
  if (fn === "(idle)" || fn === "(program)") return fn;
  if (!url) return fn.startsWith("(") ? fn : "native (socket writes, crypto, …)";
  return AREAS.find(([, re]) => re.test(url))?.[0] ?? "other";
}

/** `lastSeconds`: only the samples of the profile's last seconds (the measured run, not start-up and warm-up). */
function summarise(file: string, lastSeconds = Infinity, requests = 0, print = true): number {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const from = p.endTime - lastSeconds * 1e6;
  let at = p.startTime;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i] ?? 0;
    if (at >= from) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const n = byId.get(id);
    if (!n) continue;
    const from = original(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber);
    const url = from?.source ?? n.callFrame.url;
    // A package's own source map may leave only "node_modules/src/x.ts"; then the chunk's name says which package.
    const a = area(/node_modules\/src\//.test(url) ? n.callFrame.url : url, n.callFrame.functionName);
    if (a === "(idle)") continue;
    busy += us;
    areas.set(a, (areas.get(a) ?? 0) + us);
    const where = `${n.callFrame.functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^.*?\/(lib|db|app|scripts|\.next)\//, "$1/")}:${from?.line ?? n.callFrame.lineNumber + 1}`;
    fns.set(where, (fns.get(where) ?? 0) + us);
  }
  if (!print) return busy;
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1)} %`.padStart(7);
  console.log(`busy CPU ${(busy / 1e6).toFixed(1)} s${requests ? `, ${(busy / requests).toFixed(0)} µs per request` : ""}`);
  for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1])) console.log(`${pct(us)}  ${a}`);
  console.log("top functions (self time):");
  for (const [f, us] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`${pct(us)}  ${f}`);
  return busy;
}

const MEASURED_S = 10;

async function main() {
  const via = process.argv[2] ?? "serve";
  if (via.endsWith(".cpuprofile")) return void summarise(via, Number(process.argv[3] ?? Infinity), Number(process.argv[4] ?? 0)); // re-read an earlier profile: [last seconds] [requests]
  const { workload, service, env } = await prepareBench();
  const route = process.argv[3] === "provider-tokens" ? providerTokensRoute(service) : tokenFetchRoute(workload);
  const port = String(BENCH_PORT + 1);
  const base = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(path.join(tmpdir(), "akhrot-prof-"));
  const prof = ["--cpu-prof", `--cpu-prof-dir=${dir}`];
  const [args, ready] =
    via === "floor"
      ? [[...prof, "--import", "tsx", "bench/lib/floor-server.ts"], `${base}/ai/skill`]
      : via === "next-start"
        ? [[...prof, "node_modules/next/dist/bin/next", "start", "-p", port, "-H", "127.0.0.1"], `${base}/ai/skill`]
        : [[...prof, ...akhrotArgs("serve", Number(port))], `${base}/ai/skill`];
  const server = await startServer(process.execPath, args, { ...env, PORT: port, NODE_ENV: "production" }, ready);
  let requests = 0;
  try {
    await drive(base, route, 3);
    const r = await drive(base, route, MEASURED_S);
    requests = r.requests.total;
    console.log(`${via} ${route.name}: ${r.requests.average.toFixed(0)} req/s under the profiler (slower than without it)`);
  } finally {
    await server.stop();
    await new Promise((r) => setTimeout(r, 2_000)); // the profile is written on exit
  }
  // Every thread writes a profile of its own (Next's, `npm start`'s front thread on Postgres, a
  // module loader's): the one that served the route is the busiest in the measured run.
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f))
    .map((f) => ({ f, busy: summarise(f, MEASURED_S + 1, requests, false) }))
    .sort((a, b) => b.busy - a.busy);
  const [busiest, ...others] = files;
  if (!busiest) throw new Error(`no profile written in ${dir}`);
  console.log(`profile: ${busiest.f} (${requests} requests in the measured run)`);
  for (const o of others) console.log(`  another thread: ${(o.busy / 1e6).toFixed(2)} s busy (${path.basename(o.f)})`);
  summarise(busiest.f, MEASURED_S + 1, requests);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
