/**
 * npm run bench -- postgres-restart
 * One `next start` on Postgres under steady /tokens/fetch traffic; Postgres is restarted
 * (pg_ctlcluster) mid-way. Prints how requests failed during the restart (every failure must
 * be the contract's JSON envelope, never a hang or a stack) and how long until they succeed
 * again, without restarting the app. Exit 1 if it never recovers or answers outside the
 * envelope. Needs `npm run build` and root (it restarts the machine's Postgres).
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { prepareBench } from "./lib/prepare";
import { startAkhrot } from "./lib/server";

const PORT = 3620;

function restartPostgres() {
  const version = readdirSync("/etc/postgresql")[0] ?? "15";
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "restart"], { stdio: "ignore" });
}

async function main() {
  const { workload, env } = await prepareBench();
  const server = await startAkhrot(PORT, env);
  const entry = workload[0];
  if (!entry) throw new Error("empty workload");
  const statuses: { t: number; status: number; envelope: boolean }[] = [];
  let stop = false;
  const t0 = Date.now();
  const worker = async () => {
    while (!stop) {
      let status = 0;
      let envelope = false;
      try {
        const res = await fetch(`http://127.0.0.1:${PORT}/tokens/fetch`, {
          method: "POST",
          headers: { authorization: `Bearer ${entry.key}`, "content-type": "application/json" },
          body: '{"provider":"google"}',
          signal: AbortSignal.timeout(15_000),
        });
        status = res.status;
        const body = (await res.json()) as { accessToken?: string; error?: { code?: string } };
        envelope = status === 200 ? Boolean(body.accessToken) : typeof body.error?.code === "string";
      } catch {
        status = -1; // timeout or connection failure: not allowed
      }
      statuses.push({ t: Date.now() - t0, status, envelope });
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    const workers = Array.from({ length: 4 }, worker);
    await new Promise((r) => setTimeout(r, 2000));
    const restartAt = Date.now() - t0;
    restartPostgres();
    const restartedAt = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 8000));
    stop = true;
    await Promise.all(workers);
    const during = statuses.filter((s) => s.t >= restartAt);
    const failures = during.filter((s) => s.status !== 200);
    const lastFailure = failures.at(-1)?.t ?? restartAt;
    const after = statuses.filter((s) => s.t > lastFailure);
    const badShape = statuses.filter((s) => !s.envelope);
    console.log(`requests: ${statuses.length}  restart took ${restartedAt - restartAt} ms`);
    console.log(`failed during restart: ${failures.length} (${[...new Set(failures.map((f) => f.status))].join(", ") || "none"})`);
    console.log(`answers outside the envelope (hangs, non-JSON): ${badShape.length}`);
    console.log(`recovered ${Math.max(0, lastFailure - restartedAt)} ms after Postgres was back; ${after.length} requests after that, all 200: ${after.every((s) => s.status === 200)}`);
    const ok = badShape.length === 0 && after.length > 0 && after.every((s) => s.status === 200);
    console.log(ok ? "postgres-restart: OK" : "postgres-restart: FAILED");
    process.exitCode = ok ? 0 : 1;
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
