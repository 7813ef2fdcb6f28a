/**
 * npm run bench -- refresh-storm
 * 100 concurrent POST /tokens/fetch of ONE expired token, through the real route handlers, a
 * real database (DATABASE_URL, else in-memory PGlite) and the local OAuth server. Prints the
 * provider's refresh count (must be 1), latency and errors. ROUNDS repeats it.
 */
import { eq } from "drizzle-orm";

const N = Number(process.env.STORM ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

async function main() {
  process.env.AUTH_SECRET ??= "bench-auth-secret-0123456789abcdef0123456789";
  process.env.AKHROT_ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString("base64");
  process.env.APP_URL = "http://localhost:3000";
  process.env.RATE_LIMIT_PER_MINUTE = "100000000";
  if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = "memory://";
  const { testDb } = await import("@/lib/testing/fixtures");
  const { connect, fetchToken, newAgent, startGoogleIdp } = await import("@/lib/testing/agent-flow");
  const { connections } = await import("@/db/schema");
  const { closeDb } = await import("@/db");
  const db = await testDb();
  const idp = await startGoogleIdp();
  try {
    const agent = await newAgent(db);
    await connect(agent);
    const latencies: number[] = [];
    let errors = 0;
    let maxDistinct = 0;
    idp.resetCounts();
    for (let round = 0; round < ROUNDS; round++) {
      await db.update(connections).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connections.userId, agent.userId));
      const tokens = await Promise.all(
        Array.from({ length: N }, async () => {
          const t = performance.now();
          const r = await fetchToken(agent);
          latencies.push(performance.now() - t);
          if (r.status !== 200) errors++;
          return r.body.accessToken;
        }),
      );
      maxDistinct = Math.max(maxDistinct, new Set(tokens).size);
    }
    latencies.sort((a, b) => a - b);
    const p = (q: number) => (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1);
    console.log(`database: ${process.env.DATABASE_URL ? "postgres" : "pglite (memory)"}  concurrent fetches: ${N}  rounds: ${ROUNDS}`);
    console.log(`provider refresh grants: ${idp.counts.refreshGrants} (expected ${ROUNDS}: one per expiry)`);
    console.log(`distinct tokens per round (max): ${maxDistinct}`);
    console.log(`latency ms p50: ${p(0.5)}  p99: ${p(0.99)}  max: ${p(1)}`);
    console.log(`errors: ${errors}`);
  } finally {
    await idp.stop();
    await closeDb();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
