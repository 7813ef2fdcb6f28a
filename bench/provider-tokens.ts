/**
 * npm run bench -- provider-tokens
 * The service API under `npm start` (scripts/serve.ts) on Postgres: the token-fetch dataset
 * (bench/lib/seed.ts, for the floor) plus 100 services in 10 organizations, 10,000 end users
 * (100 per service, each linked to it) and 20,000 end-user connections (Google and GitHub, tokens
 * valid for 30 days) each granted to its service. Measures, with autocannon at fixed concurrency
 * (CONCURRENCY, default 32) for DURATION s (default 20):
 *   - the floor (bench/lib/floor-server.ts: node:http + one query + decrypt) on /tokens/fetch, and
 *     on its provider-tokens route for the same services and end users;
 *   - POST /tokens/fetch on the same Akhrot server (the agent family's fast path, for reference);
 *   - POST /api/service/provider-tokens for random (service key, end user, provider): always the
 *     `ok` answer with a fresh token (the grant's last use and `provider_token.issued` written);
 *   - GET /api/service/users (one plain service route: key, rate limit, count + page).
 * Prints each and the ratio to the floor's /tokens/fetch (goal for provider-tokens: >= 0.5), and
 * provider-tokens' ratio to the floor's own provider-tokens. Needs `npm run build`.
 */
import autocannon, { type Result } from "autocannon";
import postgres from "postgres";
import { BENCH_URL } from "./lib/seed";
import { describe, driveTokenFetch, CONCURRENCY, DURATION } from "./lib/load";
import { prepareBench } from "./lib/prepare";
import { startAkhrot, startServer } from "./lib/server";
import { seal } from "@/lib/connections/connection-secrets";
import { randomId, sha256Hex } from "@/lib/crypto";
import { displayPrefix, generateServiceKey } from "@/lib/service-keys/service-key-format";

const ORGS = 10;
const SERVICES_PER_ORG = 10;
const END_USERS_PER_SERVICE = 100;
const PROVIDERS = { google: ["openid", "email"], github: ["read:user", "user:email"] } as const;
const PERMISSIONS = ["read:users", "read:provider_tokens"];
/** BENCH_PORT (default 3610) for Akhrot, the next port for the floor: engineers sharing a machine pick their own. */
const PORT = Number(process.env.BENCH_PORT ?? 3610);
const AKHROT = `http://127.0.0.1:${PORT}`;
const FLOOR = `http://127.0.0.1:${PORT + 1}`;

type ServiceWorkload = { key: string; endUsers: string[] }[];

/** Services, keys, end users, connections and grants, stored as the app stores them. */
async function seedServices(): Promise<ServiceWorkload> {
  const sql = postgres(BENCH_URL, { max: 4, onnotice: () => {} });
  const workload: ServiceWorkload = [];
  const far = new Date(Date.now() + 30 * 86400_000);
  for (let o = 0; o < ORGS; o++) {
    const orgId = randomId("org");
    await sql`insert into organizations ${sql({ id: orgId, slug: `bench-org-${o}`, name: `Bench org ${o}` })}`;
    for (let s = 0; s < SERVICES_PER_ORG; s++) {
      const serviceId = randomId("svc");
      const key = generateServiceKey();
      await sql`insert into services ${sql({ id: serviceId, org_id: orgId, slug: `bench-${s}`, name: `Bench service ${s}`, redirect_uris: ["https://app.example.test/callback"] })}`;
      await sql`insert into service_providers ${sql(Object.entries(PROVIDERS).map(([provider, scopes]) => ({ service_id: serviceId, provider, scopes: [...scopes] })))}`;
      await sql`insert into service_api_keys ${sql({ id: randomId("skey"), service_id: serviceId, name: "bench", prefix: displayPrefix(key), key_hash: sha256Hex(key), permissions: PERMISSIONS })}`;
      const endUsers = [];
      const links = [];
      const conns = [];
      const grants = [];
      for (let u = 0; u < END_USERS_PER_SERVICE; u++) {
        const endUserId = randomId("eu");
        endUsers.push({ id: endUserId, org_id: orgId, email: `eu-${s}-${u}@example.test` });
        links.push({ service_id: serviceId, end_user_id: endUserId });
        for (const [provider, scopes] of Object.entries(PROVIDERS)) {
          const id = randomId("conn");
          conns.push({
            id,
            end_user_id: endUserId,
            provider,
            auth_type: "oauth2",
            account_id: `acct-${endUserId}-${provider}`,
            account_label: `eu-${s}-${u}@example.test`,
            scopes: [...scopes],
            access_token_enc: seal(id, "access_token", `ya29.${randomId("conn")}`),
            refresh_token_enc: seal(id, "refresh_token", `1//${randomId("conn")}`),
            expires_at: far,
          });
          grants.push({ id: randomId("grant"), end_user_id: endUserId, service_id: serviceId, connection_id: id, provider, scopes: [...scopes] });
        }
      }
      await sql`insert into end_users ${sql(endUsers)}`;
      await sql`insert into service_end_users ${sql(links)}`;
      await sql`insert into connections ${sql(conns, "id", "end_user_id", "provider", "auth_type", "account_id", "account_label", "scopes", "access_token_enc", "refresh_token_enc", "expires_at")}`;
      await sql`insert into service_grants ${sql(grants)}`;
      workload.push({ key, endUsers: endUsers.map((e) => e.id) });
    }
  }
  await sql`analyze`;
  await sql.end();
  return workload;
}

/** POST /api/service/provider-tokens for a deterministic spread over services, end users and providers. */
function driveProviderTokens(baseUrl: string, workload: ServiceWorkload, duration = DURATION): Promise<Result> {
  let i = 0;
  const providers = Object.keys(PROVIDERS);
  return autocannon({
    url: baseUrl,
    connections: CONCURRENCY,
    duration,
    requests: [
      {
        method: "POST",
        path: "/api/service/provider-tokens",
        setupRequest: (req) => {
          const service = workload[(i * 31) % workload.length];
          const endUser = service?.endUsers[(i++ * 7919) % (service?.endUsers.length ?? 1)] ?? "";
          const body = JSON.stringify({ user_id: endUser, provider: providers[i % providers.length], scopes: [] });
          return { ...req, headers: { "x-api-key": service?.key ?? "", "content-type": "application/json" }, body };
        },
      },
    ],
  });
}

/** GET /api/service/users (first page of 50 and the total) with random service keys. */
function driveListUsers(baseUrl: string, workload: ServiceWorkload, duration = DURATION): Promise<Result> {
  let i = 0;
  return autocannon({
    url: baseUrl,
    connections: CONCURRENCY,
    duration,
    requests: [{ method: "GET", path: "/api/service/users", setupRequest: (req) => ({ ...req, headers: { "x-api-key": workload[(i++ * 31) % workload.length]?.key ?? "" } }) }],
  });
}

async function main() {
  const { workload, env } = await prepareBench();
  const started = Date.now();
  const services = await seedServices();
  const endUsers = services.reduce((n, s) => n + s.endUsers.length, 0);
  console.log(`seeded ${services.length} services, ${endUsers} end users, ${endUsers * 2} end-user connections and grants in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const floor = await startServer(process.execPath, ["--import", "tsx", "bench/lib/floor-server.ts"], { ...env, PORT: String(PORT + 1) }, `${FLOOR}/ai/skill`);
  let floorResult: Result;
  let floorService: Result;
  try {
    await driveTokenFetch(FLOOR, workload, 3);
    floorResult = await driveTokenFetch(FLOOR, workload);
    console.log(describe("floor  /tokens/fetch", floorResult, floor.peakRssMb()));
    // The floor's own provider-tokens (key + link + grant + connection in one query, decrypt, JSON) on the same 100 services.
    await driveProviderTokens(FLOOR, services, 3);
    floorService = await driveProviderTokens(FLOOR, services);
    console.log(describe("floor  /api/service/provider-tokens", floorService, floor.peakRssMb()));
  } finally {
    await floor.stop();
  }
  const via = process.env.VIA === "next-start" ? "next-start" : "serve";
  const name = via === "serve" ? "akhrot (npm start)" : "akhrot (next start)";
  const akhrot = await startAkhrot(PORT, env, via);
  try {
    // The agent family's /tokens/fetch on the same server, same run: the reference the goal compares with.
    for (const [route, drive] of [
      ["POST /tokens/fetch", (url: string, duration?: number) => driveTokenFetch(url, workload, duration)],
      ["POST /api/service/provider-tokens", (url: string, duration?: number) => driveProviderTokens(url, services, duration)],
      ["GET /api/service/users", (url: string, duration?: number) => driveListUsers(url, services, duration)],
    ] as const) {
      await drive(AKHROT, 3); // warm-up: JIT, pools, route compilation
      const r = await drive(AKHROT);
      console.log(describe(`${name} ${route}`, r, akhrot.peakRssMb()));
      console.log(`ratio throughput ${route}/floor /tokens/fetch: ${(r.requests.average / floorResult.requests.average).toFixed(2)}${route === "POST /api/service/provider-tokens" ? " (goal >= 0.5)" : ""}`);
      if (route === "POST /api/service/provider-tokens") console.log(`ratio throughput ${route}/floor provider-tokens: ${(r.requests.average / floorService.requests.average).toFixed(2)}`);
    }
  } finally {
    await akhrot.stop();
  }
  console.log(`concurrency ${CONCURRENCY}, ${DURATION} s per figure`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
