/**
 * `npm start`: the production server. The two hot routes (POST /tokens/fetch, POST
 * /api/service/provider-tokens) are answered by the Node fast paths (lib/server/fast-path.ts,
 * service-fast-path.ts); Next serves every other page and route. Every request first passes
 * lib/server/create-server.ts (one body cap, timeouts). Two layouts:
 *
 * - On Postgres (DATABASE_URL): a front thread (lib/server/front-worker.ts) owns the port, answers
 *   the hot routes without Next's process-wide async hooks, and passes the rest to Next, which
 *   listens on a Unix socket in a private folder.
 * - On the embedded PGlite, which one thread alone may open: one thread, Next's, with the fast
 *   paths built by Next's instrumentation hook from Next's own bundle.
 *
 * Flags as `next start`: -p/--port (or PORT, default 3000), -H/--hostname (default: all interfaces).
 */
// First: before Next loads (see the file).
import "./serve-without-source-maps";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import next from "next";
import { markPeerStamped } from "@/lib/api/client-ip";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { createAkhrotServer } from "@/lib/server/create-server";
import { fastPath, requestFastPath } from "@/lib/server/fast-path-slot";
import { FRONT_BUNDLE, startFrontThread } from "@/lib/server/front-thread";
import { startWebhookDriver } from "@/lib/webhooks/webhook-driver";

function flag(names: string[]): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => names.includes(a));
  return i >= 0 ? args[i + 1] : undefined;
}

const port = Number(flag(["-p", "--port"]) ?? process.env.PORT ?? 3000);
const hostname = flag(["-H", "--hostname"]);
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: "production" });

/**
 * Next starts from the configuration `next build` resolved from next.config.ts
 * (.next/required-server-files.json), as Next's own standalone server does, instead of loading
 * next.config.ts again: Next compiles that file with its native SWC binary, which then stays
 * mapped for the life of the process (~35 MB RSS) for a result the build already holds.
 * Without a build, Next loads next.config.ts as usual (and reports the missing build).
 */
function startFromBuiltConfig(): void {
  const file = path.join(process.cwd(), ".next", "required-server-files.json");
  if (!existsSync(file)) return;
  const { config } = JSON.parse(readFileSync(file, "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

startFromBuiltConfig();
// On one thread (PGlite) the fast paths are built by Next's instrumentation hook, which runs while
// Next prepares; on Postgres the front thread builds its own. A DATABASE_URL set only in a .env
// file is not known yet (Next reads those files while it prepares): then the hook builds them too, unused.
if (!process.env.DATABASE_URL) requestFastPath();
const app = next({ dev: false, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
// Loading next.config.ts validated the configuration at start (lib/env.ts): do it here instead,
// now that Next has read the .env files. A bad or missing production secret stops the start
// (exit 1: Next's uncaughtException handler would only log a throw). The message names
// variables, never values; lib/log cannot say it, it reads the same configuration.
let onPostgres = false;
try {
  onPostgres = Boolean(env().DATABASE_URL);
} catch (err) {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
}
const urlHost = (host: string) => (host.includes(":") ? `[${host}]` : host);
let stop = () => {};
let stopWebhooks = () => {};

if (onPostgres) {
  // Next on a Unix socket in a folder only this user can enter: the front's peer stamp
  // (x-akhrot-peer) is believed here, so nothing but the front may reach this server.
  const dir = mkdtempSync(path.join(tmpdir(), "akhrot-"));
  chmodSync(dir, 0o700);
  const socketPath = path.join(dir, "next.sock");
  markPeerStamped();
  const inner = createServer((req, res) => void handle(req, res));
  // The front keeps idle connections for reuse; this side never closes them under it.
  inner.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => inner.once("error", reject).listen(socketPath, resolve));
  let front;
  try {
    const bundle = path.join(process.cwd(), FRONT_BUNDLE);
    if (!existsSync(bundle)) log().warn({ where: "serve" }, `${FRONT_BUNDLE} is missing (npm run build makes it): the front thread runs from source`);
    front = await startFrontThread({ port, hostname, socketPath, production: process.env.NODE_ENV === "production" }, existsSync(bundle) ? bundle : undefined);
  } catch (err) {
    process.stderr.write(`Could not start the server on port ${port}: ${err instanceof Error ? err.message : String(err)}\n`);
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  }
  ready(front.port);
  const { stop: stopFront } = front;
  stop = () => {
    void stopFront();
    inner.close();
    inner.closeIdleConnections();
    rmSync(dir, { recursive: true, force: true });
  };
} else {
  // Until Next's instrumentation hook has filled the slot, and if it never does, Next serves the hot routes.
  // Body cap, request timeouts and duplicate-Authorization handling for every route: lib/server/create-server.ts.
  const server: Server = createAkhrotServer((req, res) => void handle(req, res), fastPath);
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  const address = server.address();
  ready(typeof address === "object" && address ? address.port : port);
  stop = () => {
    server.close();
    // Let in-flight answers finish, then go (open keep-alive sockets would hold close() forever).
    server.closeIdleConnections();
  };
}

function ready(listening: number): void {
  log().info({ where: "serve" }, `ready on http://${urlHost(hostname ?? "localhost")}:${listening}`);
  // One request of our own makes Next load its routes (and, on one thread, register the hook
  // now), so the first agent's fetch already takes the fast path.
  const host = hostname && !["::", "0.0.0.0"].includes(hostname) ? hostname : "127.0.0.1";
  fetch(`http://${urlHost(host)}:${listening}/ai/skill`).catch(() => {});
  // Webhook deliveries that are due (retries, and events whose immediate run was missed, e.g. by a restart).
  stopWebhooks = startWebhookDriver();
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    stop();
    stopWebhooks();
    // Let in-flight answers finish, then go.
    setTimeout(() => process.exit(0), 1_000).unref();
  });
}
