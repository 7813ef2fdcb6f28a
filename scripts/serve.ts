/**
 * `npm start`: the production server. Next's request handler serves every page and route;
 * POST /tokens/fetch is answered first by the Node fast path (lib/server/fast-path.ts),
 * which Next's instrumentation hook builds from the same bundle. Every request first passes
 * lib/server/create-server.ts (one body cap, timeouts). Flags as `next start`:
 * -p/--port (or PORT, default 3000), -H/--hostname (default: all interfaces).
 */
// First: before Next loads (see the file).
import "./serve-without-source-maps";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import next from "next";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { createAkhrotServer } from "@/lib/server/create-server";
import { fastPath, requestFastPath } from "@/lib/server/fast-path-slot";
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
requestFastPath();
const app = next({ dev: false, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
// Loading next.config.ts validated the configuration at start (lib/env.ts): do it here instead,
// now that Next has read the .env files. A bad or missing production secret stops the start
// (exit 1: Next's uncaughtException handler would only log a throw). The message names
// variables, never values; lib/log cannot say it, it reads the same configuration.
try {
  env();
} catch (err) {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
}
// Next registers its instrumentation hook (which fills the slot) when its first request
// arrives (the warm-up below); until then, and if it never does, Next serves /tokens/fetch.
// Body cap, request timeouts and duplicate-Authorization handling for every route: lib/server/create-server.ts.
const server = createAkhrotServer((req, res) => void handle(req, res), fastPath);
const urlHost = (host: string) => (host.includes(":") ? `[${host}]` : host);

server.listen(port, hostname, () => {
  log().info({ where: "serve" }, `ready on http://${urlHost(hostname ?? "localhost")}:${port}`);
  // One request of our own makes Next load its routes and register the hook now, so the
  // first agent's fetch already takes the fast path.
  const address = server.address();
  const host = typeof address === "object" && address && !["::", "0.0.0.0"].includes(address.address) ? address.address : "127.0.0.1";
  fetch(`http://${urlHost(host)}:${port}/ai/skill`).catch(() => {});
  // Webhook deliveries that are due (retries, and events whose immediate run was missed, e.g. by a restart).
  stopWebhooks = startWebhookDriver();
});
let stopWebhooks = () => {};

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close();
    stopWebhooks();
    // Let in-flight answers finish, then go (open keep-alive sockets would hold close() forever).
    setTimeout(() => process.exit(0), 1_000).unref();
    server.closeIdleConnections();
  });
}
