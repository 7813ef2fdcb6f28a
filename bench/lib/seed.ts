/**
 * The benchmark dataset on a real Postgres: USERS users, each with one agent key and
 * CONNECTIONS_PER_USER connections (OAuth tokens that stay valid, plus API keys), stored
 * exactly as the app stores them (AES-GCM bound to row and column).
 */
import postgres from "postgres";
import { seal } from "@/lib/connections/connection-secrets";
import { generateApiKey } from "@/lib/api-keys";
import { randomId, sha256Hex } from "@/lib/crypto";
import { getProvider } from "@/lib/providers";

export const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** BENCH_DATABASE_URL picks another database (engineers sharing one Postgres); it is dropped and recreated. */
export const BENCH_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/akhrot_bench";
export const BENCH_DB = new URL(BENCH_URL).pathname.slice(1);
export const BENCH_SECRETS = { AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123456789", AKHROT_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64") };

const OAUTH = ["google", "github", "slack", "notion", "linear", "microsoft"] as const;
const API_KEY = ["openai", "anthropic", "stripe", "vercel"] as const;

export type Workload = { key: string; providers: string[] }[];

/** The credential field /tokens/fetch returns as accessToken (apiKey, apiToken, …). */
function mainField(code: string): string {
  const p = getProvider(code);
  return p && p.authType !== "oauth2" ? p.accessTokenField : "apiKey";
}

export async function resetBenchDatabase(): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
}

/** Seed (after migrations) and return what the load generator needs: keys and their providers. */
export async function seed(users = 1000, connectionsPerUser = 10): Promise<Workload> {
  const sql = postgres(BENCH_URL, { max: 4, onnotice: () => {} });
  const workload: Workload = [];
  const far = new Date(Date.now() + 30 * 86400_000);
  for (let start = 0; start < users; start += 100) {
    const userRows = [];
    const keyRows = [];
    const connRows = [];
    for (let u = start; u < Math.min(users, start + 100); u++) {
      const userId = randomId("usr");
      const key = generateApiKey();
      userRows.push({ id: userId, email: `bench-${u}@example.test` });
      keyRows.push({ id: randomId("key"), user_id: userId, name: "bench", key_hash: sha256Hex(key), last_four: key.slice(-4) });
      const providers: string[] = [];
      for (let c = 0; c < connectionsPerUser; c++) {
        const id = randomId("conn");
        const oauth = c < OAUTH.length;
        const provider = oauth ? OAUTH[c] : API_KEY[(c - OAUTH.length) % API_KEY.length];
        if (!provider) continue;
        const accountId = `acct-${u}-${c}`;
        providers.push(provider);
        connRows.push({
          id,
          user_id: userId,
          provider,
          auth_type: oauth ? "oauth2" : "api_key",
          account_id: accountId,
          account_label: `${accountId}@example.test`,
          scopes: oauth ? ["openid", "email"] : [],
          access_token_enc: oauth ? seal(id, "access_token", `ya29.${randomId("conn")}`) : null,
          refresh_token_enc: oauth ? seal(id, "refresh_token", `1//${randomId("conn")}`) : null,
          fields_enc: oauth ? null : seal(id, "fields", JSON.stringify({ [mainField(provider)]: `sk-proj-${randomId("conn")}` })),
          expires_at: oauth ? far : null,
        });
      }
      workload.push({ key, providers: [...new Set(providers)] });
    }
    await sql`insert into users ${sql(userRows)}`;
    await sql`insert into api_keys ${sql(keyRows)}`;
    await sql`insert into connections ${sql(connRows, "id", "user_id", "provider", "auth_type", "account_id", "account_label", "scopes", "access_token_enc", "refresh_token_enc", "fields_enc", "expires_at")}`;
  }
  await sql.end();
  return workload;
}
