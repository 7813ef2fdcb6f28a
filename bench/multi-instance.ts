/**
 * npm run bench -- multi-instance
 *
 * Two instances on one Postgres: `npm start`'s server (the /tokens/fetch fast path) and plain
 * `next start` (the route handler), so both paths contend for one refresh lease. One local
 * OAuth server (oidc-provider) as `google`. A human connects through instance A (the callback lands on instance B); then,
 * for each round, the token is expired and 50 concurrent /tokens/fetch calls are spread
 * over both instances. Prints the provider's refresh count (must equal the rounds), the
 * error count (must be 0), the token.fetch activity recorded (must equal the answered fetches,
 * both paths' deferred writes) and latency. Needs a production build (`npm run build`).
 * Exit code 1 when an invariant fails, so CI can run it as a check.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { akhrotArgs } from "./lib/server";

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = "akhrot_multi_instance";
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DB_NAME}`;
const PORTS = [3301, 3302] as const;
const SECRETS = { AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123456789", AKHROT_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64") };

async function resetDatabase() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
}

async function waitFor(url: string, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

async function main() {
  Object.assign(process.env, { DATABASE_URL, ...SECRETS, NODE_ENV: "production" });
  await resetDatabase();
  const { migrate } = await import("@/db/migrate");
  const { getDb, closeDb } = await import("@/db");
  const { auditEvents, connections } = await import("@/db/schema");
  const { createApiKey } = await import("@/lib/api-keys");
  const { randomId } = await import("@/lib/crypto");
  const { users } = await import("@/db/schema");
  const { googleEnvFor, startOidcServer } = await import("@/lib/testing/oidc-server");
  const { completeLoginAndConsent } = await import("@/lib/testing/oidc-login");
  const { getProvider } = await import("@/lib/providers");
  const { encode } = await import("next-auth/jwt");
  await migrate();
  const db = await getDb();

  const bases = PORTS.map((p) => `http://127.0.0.1:${p}`);
  const google = getProvider("google");
  if (google?.authType !== "oauth2") throw new Error("catalog lacks google");
  const idp = await startOidcServer({ redirectUris: [`${bases[0]}/oauth/callback/google`], accessTokenTtl: 3600, scopes: [...google.oauth.scopes] });
  const providerEnv = googleEnvFor(idp);
  const servers: ChildProcess[] = PORTS.map((port, i) =>
    spawn(process.execPath, akhrotArgs(i === 0 ? "serve" : "next-start", port), {
      env: { ...process.env, ...providerEnv, APP_URL: bases[0], RATE_LIMIT_PER_MINUTE: "100000", PORT: String(port) },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    }),
  );
  const stop = () => {
    for (const s of servers) {
      try {
        if (s.pid && s.exitCode === null) process.kill(-s.pid, "SIGTERM");
      } catch {
        // already gone (stop runs in `finally` and again on exit)
      }
    }
  };
  process.on("exit", stop);
  try {
    await Promise.all(bases.map((b) => waitFor(`${b}/ai/skill`)));
    const userId = randomId("usr");
    await db.insert(users).values({ id: userId, email: `bench-${Date.now()}@example.test` });
    const { key } = await createApiKey(db, { userId, name: "bench" });
    const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };

    // Connect: session on A, the human's browser (signed in as the key's owner) opens the link on A,
    // presses Continue with the page's CSRF token, goes to the provider, and the callback lands on B.
    const session = (await (await fetch(`${bases[0]}/oauth/sessions`, { method: "POST", headers: auth, body: '{"provider":"google"}' })).json()) as { sessionId: string };
    const signedIn = `authjs.session-token=${await encode({ token: { sub: userId, signedInAt: Math.floor(Date.now() / 1000), sv: 0 }, secret: SECRETS.AUTH_SECRET, salt: "authjs.session-token", maxAge: 3600 })}`;
    const page = await fetch(`${bases[0]}/connect/${session.sessionId}`, { headers: { cookie: signedIn } });
    const csrfCookie = page.headers.getSetCookie().find((c) => c.startsWith("akh_cp_"))?.split(";")[0] ?? "";
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
    const start = await fetch(`${bases[0]}/connect/${session.sessionId}/start`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: `${signedIn}; ${csrfCookie}`, origin: bases[0] ?? "", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf }),
    });
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith("akh_cb_"))?.split(";")[0] ?? "";
    const { callbackUrl } = await completeLoginAndConsent(start.headers.get("location") ?? "", { login: "alice" });
    const onB = callbackUrl.replace(bases[0] ?? "", bases[1] ?? "");
    const cb = await fetch(onB, { headers: { cookie }, redirect: "manual" });
    if (!(cb.headers.get("location") ?? "").includes(`/connect/${session.sessionId}`)) throw new Error(`callback failed: ${cb.headers.get("location")}`);

    idp.resetCounts();
    let errors = 0;
    const latencies: number[] = [];
    let distinctPerRound = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await db.update(connections).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(connections.userId, userId));
      const results = await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, i) => {
          const t = performance.now();
          const res = await fetch(`${bases[i % 2]}/tokens/fetch`, { method: "POST", headers: auth, body: '{"provider":"google"}' });
          latencies.push(performance.now() - t);
          if (res.status !== 200) {
            errors++;
            return undefined;
          }
          return ((await res.json()) as { accessToken: string }).accessToken;
        }),
      );
      distinctPerRound = Math.max(distinctPerRound, new Set(results.filter(Boolean)).size);
    }
    // Every answered fetch leaves its activity, through either path (the fast path starts its
    // write at once; the route handler hands Next's after() the running write): none is lost.
    const answered = ROUNDS * CONCURRENCY - errors;
    let recorded = 0;
    for (const end = Date.now() + 5_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const [row] = await db
        .select({ n: sql<number>`coalesce(sum(${auditEvents.count}), 0)::int` })
        .from(auditEvents)
        .where(and(eq(auditEvents.userId, userId), eq(auditEvents.action, "token.fetch"), eq(auditEvents.outcome, "success")));
      recorded = row?.n ?? 0;
      if (recorded >= answered) break;
    }
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(1);
    console.log(`instances: ${PORTS.length}  rounds: ${ROUNDS}  concurrent fetches per round: ${CONCURRENCY}`);
    console.log(`expirations: ${ROUNDS}`);
    console.log(`provider refresh grants: ${idp.counts.refreshGrants}`);
    console.log(`errors: ${errors}`);
    console.log(`distinct tokens in one round (max): ${distinctPerRound}`);
    console.log(`token.fetch activity recorded: ${recorded} of ${answered} answered fetches`);
    console.log(`latency ms p50: ${pct(50)}  p99: ${pct(99)}  max: ${pct(100)}`);
    const ok = idp.counts.refreshGrants === ROUNDS && errors === 0 && distinctPerRound === 1 && recorded === answered;
    console.log(ok ? "multi-instance: OK" : "multi-instance: FAILED");
    process.exitCode = ok ? 0 : 1;
  } finally {
    stop();
    await idp.stop();
    await closeDb();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
