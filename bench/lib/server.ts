import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

/** `cpuMs`: CPU time (user + system) the server's processes have used so far; load on other processes barely changes it. */
export type Running = { proc: ChildProcess; stop: () => Promise<void>; peakRssMb: () => number; cpuMs: () => number; readyMs: number };

function descendants(pid: number): number[] {
  const out = [pid];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1]);
      if (ppid === pid) out.push(...descendants(Number(entry)));
    } catch {
      // process ended while we looked
    }
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const TICK_MS = 1000 / 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on Linux

function cpuTicks(pid: number): number {
  try {
    // Fields after the parenthesised command name: state is 3rd, utime 14th, stime 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Start a server process, wait until `readyUrl` answers, and sample its tree's RSS every 250 ms
 * (the tree is re-walked every 5 s: walking /proc on every sample costs the load generator CPU).
 */
export async function startServer(cmd: string, args: string[], env: Record<string, string>, readyUrl: string): Promise<Running> {
  const spawned = performance.now();
  const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  let peak = 0;
  let tree: number[] = [];
  let ticks = 0;
  const timer = setInterval(() => {
    if (!proc.pid) return;
    if (ticks++ % 20 === 0) tree = descendants(proc.pid);
    peak = Math.max(peak, tree.reduce((sum, p) => sum + rssKb(p), 0));
  }, 250);
  const end = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(readyUrl)).status < 500) break;
    } catch {
      // not up yet
    }
    if (Date.now() > end || proc.exitCode !== null) throw new Error(`${cmd} ${args.join(" ")} did not come up`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const readyMs = Math.round(performance.now() - spawned);
  return {
    proc,
    readyMs,
    peakRssMb: () => Math.round(peak / 1024),
    cpuMs: () => (proc.pid ? descendants(proc.pid).reduce((sum, p) => sum + cpuTicks(p), 0) * TICK_MS : 0),
    stop: async () => {
      clearInterval(timer);
      if (proc.pid) process.kill(-proc.pid, "SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
    },
  };
}

/**
 * The Node flags of package.json's start script (keep the two in step). `--heap-growing-percent=25`:
 * V8 runs a full GC once the old generation is about 25 % larger than what the last one kept; by
 * default it lets it grow up to 4x when the program allocates fast, as the hot routes do. What
 * reaches the old generation under their load is mostly request garbage (~45 MB live, 130 MB
 * committed), and RSS outside the V8 heap grew with it (+120 MB, given back by a full GC).
 * bench/floor.ts (RUNS=3) peak RSS of npm start: 391 MB with the former `--max-semi-space-size=32`,
 * 245 MB with this flag (floor 131-160 MB).
 * `--no-memory-reducer`: V8 shrinks an idle heap after a few seconds without allocation; with the
 * 25 % growth step above, the first seconds of load after every lull then ran one full GC after
 * another until the heap had grown back. An A/B (the server idle 34 s while the floor
 * is driven, then 5 s of /tokens/fetch, three cycles): first second 1,800-2,500 requests instead
 * of 1,000-1,500, CPU per fetch in that run 177-227 µs instead of 222-312. Peak RSS is unchanged
 * (242 vs 248 MB); an idle server keeps its heap: 242 MB a minute after load instead of 170 MB.
 * `--max-semi-space-size=16`: Node 20's own young generation (16 MiB semi-spaces, measured), so a
 * no-op there; Node 24 doubles it, and its npm start then peaked at 505 MB instead of 277 MB (two
 * interleaved rounds of bench/floor.ts's workload; throughput within the machine's noise).
 */
const SERVE_NODE_FLAGS = ["--heap-growing-percent=25", "--no-memory-reducer", "--max-semi-space-size=16"];

/**
 * Node arguments for Akhrot from this checkout's build: `npm start`'s server (scripts/serve.ts,
 * with the /tokens/fetch fast path), or plain `next start` (every route through Next).
 */
export function akhrotArgs(via: "serve" | "next-start", port: number): string[] {
  const listen = ["-p", String(port), "-H", "127.0.0.1"];
  return via === "serve" ? [...SERVE_NODE_FLAGS, "--import", "tsx", "scripts/serve.ts", ...listen] : ["node_modules/next/dist/bin/next", "start", ...listen];
}

/** `node`: the Node.js binary to run it on (this process's by default). */
export function startAkhrot(port: number, env: Record<string, string>, via: "serve" | "next-start" = "serve", node = process.execPath): Promise<Running> {
  return startServer(node, akhrotArgs(via, port), { ...env, NODE_ENV: "production" }, `http://127.0.0.1:${port}/ai/skill`);
}
