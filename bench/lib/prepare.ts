import { BENCH_SECRETS, BENCH_URL, resetBenchDatabase, seed, type Workload } from "./seed";

/** Fresh bench database, migrated and seeded; the env both servers run with. */
export async function prepareBench(): Promise<{ workload: Workload; env: Record<string, string> }> {
  const env = { DATABASE_URL: BENCH_URL, ...BENCH_SECRETS, RATE_LIMIT_PER_MINUTE: "100000000", APP_URL: "http://127.0.0.1:3610" };
  Object.assign(process.env, env);
  await resetBenchDatabase();
  const { migrate, closeDb } = await import("@/db/migrate");
  await migrate();
  await closeDb();
  const started = Date.now();
  const workload = await seed();
  console.log(`seeded ${workload.length} users/keys and ${workload.length * 10} connections in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { workload, env };
}
