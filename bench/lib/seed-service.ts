/**
 * The service-API half of the floor bench's dataset: one organization with one service and
 * one service key (read:provider_tokens), END_USERS end users linked to it, each with OAuth
 * and API-key connections of their own and an active grant of the service on each, so that
 * POST /api/service/provider-tokens answers `ok` for every request the load generator makes.
 * Stored as the app stores them (ciphertexts bound to row and column). Self-contained: the
 * service API's own bench seeds what it needs separately.
 */
import postgres from "postgres";
import { seal } from "@/lib/connections/connection-secrets";
import { randomId, sha256Hex } from "@/lib/crypto";
import { generateServiceKey } from "@/lib/service-keys/service-key-format";

/** Scopes the grant and the allow-list hold: identity only, so no "beyond the grant" refusal. */
const SCOPES = ["openid", "email"];
const OAUTH = ["google", "github"] as const;
const API_KEY = ["openai"] as const;

export type ServiceWorkload = { serviceKey: string; users: { id: string; providers: string[] }[] };

export async function seedServiceTokens(url: string, endUsers = 1000): Promise<ServiceWorkload> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const orgId = randomId("org");
  const serviceId = randomId("svc");
  const serviceKey = generateServiceKey();
  await sql`insert into organizations ${sql({ id: orgId, slug: `bench-${orgId.slice(-8).toLowerCase()}`, name: "Bench" })}`;
  await sql`insert into services ${sql({ id: serviceId, org_id: orgId, slug: "bench", name: "Bench", redirect_uris: ["https://bench.example.test/back"] })}`;
  await sql`insert into service_api_keys ${sql({ id: randomId("skey"), service_id: serviceId, name: "bench", prefix: serviceKey.slice(0, 12), key_hash: sha256Hex(serviceKey), permissions: ["read:provider_tokens"] })}`;
  const providers = [...OAUTH, ...API_KEY].map((provider) => ({ service_id: serviceId, provider, enabled: true, scopes: (OAUTH as readonly string[]).includes(provider) ? SCOPES : [] }));
  await sql`insert into service_providers ${sql(providers)}`;
  const far = new Date(Date.now() + 30 * 86400_000);
  const users: ServiceWorkload["users"] = [];
  for (let start = 0; start < endUsers; start += 200) {
    const userRows = [];
    const links = [];
    const conns = [];
    const grants = [];
    for (let u = start; u < Math.min(endUsers, start + 200); u++) {
      const id = randomId("eu");
      userRows.push({ id, org_id: orgId, email: `end-${u}@example.test` });
      links.push({ service_id: serviceId, end_user_id: id });
      for (const provider of [...OAUTH, ...API_KEY]) {
        const connId = randomId("conn");
        const oauth = (OAUTH as readonly string[]).includes(provider);
        conns.push({
          id: connId,
          end_user_id: id,
          provider,
          auth_type: oauth ? "oauth2" : "api_key",
          account_id: `eu-${u}-${provider}`,
          account_label: `end-${u}@example.test`,
          scopes: oauth ? SCOPES : [],
          access_token_enc: oauth ? seal(connId, "access_token", `ya29.${randomId("conn")}`) : null,
          refresh_token_enc: oauth ? seal(connId, "refresh_token", `1//${randomId("conn")}`) : null,
          fields_enc: oauth ? null : seal(connId, "fields", JSON.stringify({ apiKey: `sk-proj-${randomId("conn")}` })),
          expires_at: oauth ? far : null,
        });
        grants.push({ id: randomId("grant"), end_user_id: id, service_id: serviceId, connection_id: connId, provider, scopes: oauth ? SCOPES : [] });
      }
      users.push({ id, providers: [...OAUTH, ...API_KEY] });
    }
    await sql`insert into end_users ${sql(userRows)}`;
    await sql`insert into service_end_users ${sql(links)}`;
    await sql`insert into connections ${sql(conns, "id", "end_user_id", "provider", "auth_type", "account_id", "account_label", "scopes", "access_token_enc", "refresh_token_enc", "fields_enc", "expires_at")}`;
    await sql`insert into service_grants ${sql(grants)}`;
  }
  await sql.end();
  return { serviceKey, users };
}
