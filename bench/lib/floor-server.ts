/**
 * The floor: the least each hot route can do, with no framework. node:http, hash the key, ONE
 * query for key + connection, AES-GCM decrypt, JSON. Same Postgres, same crypto as Akhrot.
 * Run by bench/floor.ts as its own process: PORT, DATABASE_URL, AKHROT_ENCRYPTION_KEY.
 *
 * - POST /tokens/fetch: agent key → the user's connection of the provider.
 * - POST /api/service/provider-tokens: service key → a linked end user's connection through an
 *   active grant of that service (Akhrot also checks the service's provider configuration and
 *   the scopes, and records the issue; the floor does not).
 */
import { createServer, type IncomingMessage } from "node:http";
import postgres from "postgres";
import { aadFor } from "@/lib/connections/connection-secrets";
import { decryptSecret, sha256Hex } from "@/lib/crypto";

const sql = postgres(process.env.DATABASE_URL ?? "", { max: 10 });

type Row = { id: string; auth_type: string; access_token_enc: string | null; fields_enc: string | null };
function secretOf(row: Row): string {
  return row.auth_type === "oauth2"
    ? decryptSecret(String(row.access_token_enc), aadFor(row.id, "access_token"))
    : (JSON.parse(decryptSecret(String(row.fields_enc), aadFor(row.id, "fields"))) as { apiKey: string }).apiKey;
}

async function tokenFetch(req: IncomingMessage, body: string): Promise<[number, unknown]> {
  const key = /^Bearer (akh_\w{49})$/.exec(req.headers.authorization ?? "")?.[1];
  const { provider } = JSON.parse(body) as { provider: string };
  if (!key) return [401, { error: { code: "UNAUTHORIZED" } }];
  const [row] = await sql<(Row & { expires_at: Date | null; scopes: string[]; account_id: string; account_label: string })[]>`
    select c.id, c.auth_type, c.access_token_enc, c.fields_enc, c.expires_at, c.scopes, c.account_id, c.account_label
    from api_keys k join connections c on c.user_id = k.user_id and c.provider = ${provider}
    where k.key_hash = ${sha256Hex(key)} and k.revoked_at is null
    order by c.is_default desc, c.created_at desc limit 1`;
  if (!row) return [404, { error: { code: "INTEGRATION_NOT_FOUND" } }];
  return [200, { provider, accessToken: secretOf(row), expiresAt: row.expires_at, scopes: row.scopes, account: { id: row.account_id, label: row.account_label }, connectionId: row.id }];
}

async function providerTokens(req: IncomingMessage, body: string): Promise<[number, unknown]> {
  const key = req.headers["x-api-key"];
  const input = JSON.parse(body) as { user_id: string; provider: string };
  if (typeof key !== "string" || !/^aks_\w{49}$/.test(key)) return [401, { error: "Invalid API key format", error_code: "UNAUTHORIZED" }];
  const [row] = await sql<(Row & { expires_at: Date | null; grant_scopes: string[]; account_id: string; account_label: string })[]>`
    select c.id, c.auth_type, c.access_token_enc, c.fields_enc, c.expires_at, g.scopes as grant_scopes, c.account_id, c.account_label
    from service_api_keys k
    join service_end_users su on su.service_id = k.service_id and su.end_user_id = ${input.user_id}
    join service_grants g on g.service_id = k.service_id and g.end_user_id = su.end_user_id and g.provider = ${input.provider} and g.status = 'active'
    join connections c on c.id = g.connection_id and c.status = 'active'
    where k.key_hash = ${sha256Hex(key)}
    order by c.updated_at desc limit 1`;
  if (!row) return [404, { error: "User not found", error_code: "NOT_FOUND" }];
  return [
    200,
    { status: "ok", access_token: secretOf(row), expires_at: row.expires_at, scopes: row.grant_scopes, provider: input.provider, account: { id: row.id, provider_user_id: row.account_id, email: null, display_name: row.account_label } },
  ];
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (req.url === "/ai/skill") return send(200, {});
    try {
      const body = Buffer.concat(chunks).toString();
      const [status, answer] = req.url === "/api/service/provider-tokens" ? await providerTokens(req, body) : await tokenFetch(req, body);
      send(status, answer);
    } catch {
      send(500, { error: { code: "INTERNAL_ERROR" } });
    }
  });
});
server.listen(Number(process.env.PORT ?? 3611), "127.0.0.1");
// Exit on SIGTERM instead of being killed, so `--cpu-prof` (bench/profile.ts floor) writes its profile.
process.once("SIGTERM", () => process.exit(0));
