/**
 * The front thread of `npm start` on Postgres (started by ./front-thread.ts). It owns the public
 * port and answers POST /tokens/fetch and POST /api/service/provider-tokens itself, with the same
 * functions and the same Node adapter as the in-process fast path; every other request goes to
 * Next (./proxy-to-next.ts). Why a thread of its own: Next's AsyncLocalStorage turns on
 * process-wide async hooks in the thread that loads it, which every promise of every request
 * then pays for (~40 µs a token fetch, a third of the answer, bench/floor.ts). This thread never
 * loads Next's request machinery, so the hot routes run as on a bare Node server.
 *
 * It shares with Next's thread only what ./front-link.ts lists: the agent API limiter's memory
 * windows, its metrics, and cache drops on revoke. Everything else a fetch needs (single-flight
 * refresh, its own key re-checks, the database) already works across instances through Postgres.
 */
import { parentPort, workerData } from "node:worker_threads";
import { forgetKey } from "@/lib/api-keys/key-cache";
import { markNoNextHere } from "@/lib/api/defer";
import { keepRequestContextOff } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { limitForOtherThread } from "@/lib/ratelimit";
import { forgetOrgServiceKeys, forgetServiceKey } from "@/lib/service-keys/service-key-cache";
import { createAkhrotServer } from "./create-server";
import { createFastPath } from "./fast-path";
import type { FrontCall, FrontReply, FrontStart, FrontStatus } from "./front-thread";
import { createNextProxy } from "./proxy-to-next";
import { withServiceFastPath } from "./service-fast-path";

markNoNextHere();
keepRequestContextOff();
const port = parentPort;
if (!port) throw new Error("lib/server/front-worker.ts runs as a worker thread (lib/server/front-thread.ts).");
const start = workerData as FrontStart;
const status = (s: FrontStatus) => port.postMessage(s);

async function answer(call: FrontCall): Promise<unknown> {
  switch (call.op) {
    case "limit":
      return limitForOtherThread(call.name, call.id);
    case "metrics":
      return (await metrics().registry.getMetricsAsJSON()).filter((m) => m.name.startsWith("akhrot_"));
    case "forget":
      if (call.cache === "key") return forgetKey(call.id);
      if (call.cache === "service-key") return forgetServiceKey(call.id);
      return forgetOrgServiceKeys(call.id);
  }
}

const hot = withServiceFastPath(createFastPath(start.production), start.production);
const server = createAkhrotServer(createNextProxy(start.socketPath), () => hot);

port.on("message", (msg: FrontCall | { op: "close" }) => {
  if (msg.op === "close") {
    server.close();
    server.closeIdleConnections();
    return;
  }
  answer(msg).then(
    (value) => port.postMessage({ op: "reply", seq: msg.seq, value } satisfies FrontReply),
    (err: unknown) => port.postMessage({ op: "reply", seq: msg.seq, error: err instanceof Error ? err.message : String(err) } satisfies FrontReply),
  );
});

server.on("error", (err) => status({ op: "failed", message: err.message }));
server.listen(start.port, start.hostname, () => {
  const address = server.address();
  status({ op: "listening", port: typeof address === "object" && address ? address.port : start.port });
});
