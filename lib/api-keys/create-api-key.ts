import type { DbOrTx } from "@/db";
import { insertApiKey } from "@/db/queries/api-keys";
import type { ApiKey } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import { randomId, sha256Hex } from "@/lib/crypto";
import { emitWebhookEvent } from "@/lib/webhooks";
import { generateApiKey } from "./key-format";

export type CreateApiKeyInput = { userId: string; name: string; providers?: string[] | null; expiresAt?: Date | null };

/** Mint a key. The plaintext is returned once and never stored. */
export async function createApiKey(db: DbOrTx, input: CreateApiKeyInput): Promise<{ key: string; row: ApiKey }> {
  const key = generateApiKey();
  const row = await insertApiKey(db, {
    id: randomId("key"),
    userId: input.userId,
    name: input.name,
    keyHash: sha256Hex(key),
    lastFour: key.slice(-4),
    providers: input.providers?.length ? [...new Set(input.providers)] : null,
    expiresAt: input.expiresAt ?? null,
  });
  await recordEvent(db, {
    userId: input.userId,
    apiKeyId: row.id,
    action: "key.create",
    detail: { name: row.name, providers: row.providers, expiresAt: row.expiresAt?.toISOString() ?? null },
  });
  await emitWebhookEvent(db, { userId: input.userId }, "api_key.created", { apiKeyId: row.id, name: row.name, expiresAt: row.expiresAt?.toISOString() ?? null });
  return { key, row };
}
