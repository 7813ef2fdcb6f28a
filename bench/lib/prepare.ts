import { BENCH_SECRETS, BENCH_URL, resetBenchDatabase, seed, type Workload } from "./seed";
import { seedServiceTokens, type ServiceWorkload } from "./seed-service";

/** The first of the ports the benches listen on (BENCH_PORT, default 3610; the floor bench uses three). */
export const BENCH_PORT = Number(process.env.BENCH_PORT ?? 3610);

/** Fresh bench database, migrated and seeded; the env both servers run with. */
export async function prepareBench(): Promise<{ workload: Workload; service: ServiceWorkload; env: Record<string, string> }> {
  const env = { DATABASE_URL: BENCH_URL, ...BENCH_SECRETS, RATE_LIMIT_PER_MINUTE: "100000000", APP_URL: `http://127.0.0.1:${BENCH_PORT}` };
  Object.assign(process.env, env);
  await resetBenchDatabase();
  const { migrate, closeDb } = await import("@/db/migrate");
  await migrate();
  await closeDb();
  const started = Date.now();
  const workload = await seed();
  const service = await seedServiceTokens(BENCH_URL);
  console.log(`seeded ${workload.length} users/keys and ${workload.length * 10} connections, ${service.users.length} end users with ${service.users.length * 3} granted connections, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { workload, service, env };
}
