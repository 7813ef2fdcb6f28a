/**
 * Next's side of `npm start`'s front thread (./front-worker.ts): start it, wait until it listens,
 * and install the link (./front-link.ts) through which Next's thread reaches it. The worker runs
 * the bundle `npm run build` made (scripts/build-front.ts), or without one its TypeScript source
 * through tsx. A front that dies takes the process with it (exit 1): without it nothing answers
 * the public port, and a supervisor restarts the whole.
 */
import { Worker } from "node:worker_threads";
import { log } from "@/lib/log";
import { setFrontLink, type ForgetCache, type FrontLink } from "./front-link";

/** Where `npm run build` puts the front thread as one module (scripts/build-front.ts), from the project root. */
export const FRONT_BUNDLE = ".next/akhrot/front-worker.mjs";

export type FrontStart = { port: number; hostname: string | undefined; socketPath: string; production: boolean };
export type FrontCall = { seq: number } & ({ op: "limit"; name: string; id: string } | { op: "metrics" } | { op: "forget"; cache: ForgetCache; id: string });
export type FrontReply = { op: "reply"; seq: number; value?: unknown; error?: string };
export type FrontStatus = { op: "listening"; port: number } | { op: "failed"; message: string };

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** stop: the front stops accepting, and ends once its open connections are done (at most `graceMs`). */
export type FrontThread = { port: number; stop: (graceMs?: number) => Promise<void> };

/** `bundle`: the thread built by scripts/build-front.ts; without it, the source through tsx (~35 MB more). */
export function startFrontThread(start: FrontStart, bundle?: string): Promise<FrontThread> {
  // The environment is the worker's own copy of this thread's, as Next loaded it (.env files included).
  const worker = bundle
    ? new Worker(bundle, { workerData: start })
    : new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(new URL("./front-worker.ts", import.meta.url).href)}); })`, { eval: true, workerData: start });
  const pending = new Map<number, Pending>();
  let seq = 0;
  const call = <T>(msg: DistributiveOmit<FrontCall, "seq">): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const n = ++seq;
      pending.set(n, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...msg, seq: n });
    });
  const link: FrontLink = {
    limit: (name, id) => call({ op: "limit", name, id }),
    metrics: () => call({ op: "metrics" }),
    forget: (cache, id) => call({ op: "forget", cache, id }),
  };
  let stopping = false;
  return new Promise<FrontThread>((resolve, reject) => {
    let listening = false;
    worker.on("message", (msg: FrontReply | FrontStatus) => {
      if (msg.op === "reply") {
        const p = pending.get(msg.seq);
        pending.delete(msg.seq);
        if (msg.error !== undefined) p?.reject(new Error(msg.error));
        else p?.resolve(msg.value);
      } else if (msg.op === "listening") {
        listening = true;
        setFrontLink(link);
        resolve({
          port: msg.port,
          stop: async (graceMs = 1_000) => {
            stopping = true;
            setFrontLink(undefined);
            worker.postMessage({ op: "close" });
            await Promise.race([new Promise((r) => worker.once("exit", r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
            await worker.terminate();
          },
        });
      } else if (!listening) {
        reject(new Error(msg.message));
      } else {
        log().error({ where: "front" }, `the front thread's server failed: ${msg.message}`);
        process.exit(1);
      }
    });
    worker.on("error", (err) => {
      if (!listening) return reject(err);
      log().error({ where: "front", err: err.message }, "the front thread failed");
      process.exit(1);
    });
    worker.on("exit", (code) => {
      if (stopping) return;
      if (!listening) return reject(new Error(`the front thread exited (${code}) before listening`));
      log().error({ where: "front", code }, "the front thread exited");
      process.exit(1);
    });
  });
}
