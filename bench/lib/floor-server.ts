/**
 * The floor: the least a token fetch can do, with no framework. node:http, hash the key, ONE
 * query for key + connection, AES-GCM decrypt, JSON. Same Postgres, same crypto as Akhrot.
 * Run by bench/floor.ts as its own process: PORT, DATABASE_URL, AKHROT_ENCRYPTION_KEY.
 */
import { createServer } from "node:http";
import postgres from "postgres";
import { aadFor } from "@/lib/connections/connection-secrets";
import { decryptSecret, sha256Hex } from "@/lib/crypto";

const sql = postgres(process.env.DATABASE_URL ?? "", { max: 10 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (req.url === "/ai/skill") return send(200, {});
    try {
      const key = /^Bearer (akh_\w{49})$/.exec(req.headers.authorization ?? "")?.[1];
      const { provider } = JSON.parse(Buffer.concat(chunks).toString()) as { provider: string };
      if (!key) return send(401, { error: { code: "UNAUTHORIZED" } });
      const [row] = await sql`
        select c.id, c.auth_type, c.access_token_enc, c.fields_enc, c.expires_at, c.scopes, c.account_id, c.account_label
        from api_keys k join connections c on c.user_id = k.user_id and c.provider = ${provider}
        where k.key_hash = ${sha256Hex(key)} and k.revoked_at is null
        order by c.is_default desc, c.created_at desc limit 1`;
      if (!row) return send(404, { error: { code: "INTEGRATION_NOT_FOUND" } });
      const accessToken =
        row.auth_type === "oauth2"
          ? decryptSecret(String(row.access_token_enc), aadFor(String(row.id), "access_token"))
          : (JSON.parse(decryptSecret(String(row.fields_enc), aadFor(String(row.id), "fields"))) as { apiKey: string }).apiKey;
      send(200, { provider, accessToken, expiresAt: row.expires_at, scopes: row.scopes, account: { id: row.account_id, label: row.account_label }, connectionId: row.id });
    } catch {
      send(500, { error: { code: "INTERNAL_ERROR" } });
    }
  });
});
server.listen(Number(process.env.PORT ?? 3611), "127.0.0.1");
