import type { Db } from "@/db";
import { settleDefaultAfterSave } from "@/db/queries/connection-defaults";
import { findConnectionByAccount, findConnectionById, insertConnectionIfAbsent, updateConnection } from "@/db/queries/connections";
import { findEndUserConnectionByAccount } from "@/db/queries/provider-tokens";
import type { Connection } from "@/db/schema";
import { isUniqueViolation } from "@/db/unique-violation";
import { recordEvent } from "@/lib/audit/record-event";
import { randomId, sha256Hex } from "@/lib/crypto";
import { emitConnectionEvent } from "@/lib/webhooks";
import { env } from "@/lib/env";
import type { ApiKeyProvider, MtprotoProvider } from "@/lib/providers";
import { seal } from "./connection-secrets";
import { replaceApiKeySecret } from "./replace-api-key-secret";
import { validateCredentialFields, type FieldErrors } from "./validate-credential-fields";
import { verifyApiKey } from "./verify-api-key";

export type SaveApiKeyResult = { ok: true; connection: Connection } | { ok: false; errors: FieldErrors };

/**
 * Store pasted credentials (API-key providers, an imported Telegram session). The account id
 * is a fingerprint of the main secret, so pasting the same key again updates it in place and a
 * different key becomes a second account, unless the dashboard's "Replace key" names the
 * connection to update. The label shows only the last 4 characters.
 */
export async function saveApiKeyConnection(
  db: Db,
  input: {
    /** The dashboard user, or null with `endUserId` (a service's hosted grant flow, issue 13). */
    userId: string | null;
    endUserId?: string;
    provider: ApiKeyProvider | MtprotoProvider;
    values: Record<string, unknown>;
    apiKeyId?: string | null;
    /** "Replace key": update this API-key connection (same user and provider) in place instead. */
    replaceConnectionId?: string | null;
    /** The person chose, on the hosted page, that this account becomes the default (the first one always does). */
    makeDefault?: boolean;
    /** The account as the provider names it (Telegram's user id), instead of a key fingerprint. */
    identity?: { accountId: string; label: string };
  },
): Promise<SaveApiKeyResult> {
  const { provider } = input;
  const checked = validateCredentialFields(provider, input.values);
  if (!checked.ok) return checked;
  const secret = checked.fields[provider.accessTokenField] ?? Object.values(checked.fields).join("|");
  if (provider.authType === "api_key" && env().AKHROT_VERIFY_API_KEYS) {
    const verdict = await verifyApiKey(provider, checked.fields);
    if (!verdict.ok) return { ok: false, errors: { _form: verdict.message } };
  }
  const accountId = input.identity?.accountId ?? `fp_${sha256Hex(secret).slice(0, 16)}`;
  const label = input.identity?.label ?? `${provider.name} …${secret.slice(-4)}`;
  if (input.replaceConnectionId && input.userId) {
    const replace = { userId: input.userId, provider: provider.code, connectionId: input.replaceConnectionId, accountId, label, fields: checked.fields };
    const replaced = await db.transaction((tx) => replaceApiKeySecret(tx, replace)).catch((err: unknown): SaveApiKeyResult => {
      // The same key pasted as a new account in another tab between the check and the update.
      if (isUniqueViolation(err)) return { ok: false, errors: { _form: "This key was just connected as another account; reload the dashboard." } };
      throw err;
    });
    if (replaced.ok) await record(db, input, "connection.replace", replaced.connection);
    return replaced;
  }
  const connection = await db.transaction(async (tx) => {
    const { userId, endUserId } = input;
    const existing = endUserId ? await findEndUserConnectionByAccount(tx, endUserId, provider.code, accountId) : userId ? await findConnectionByAccount(tx, userId, provider.code, accountId) : undefined;
    const id = existing?.id ?? randomId("conn");
    const values = { accountId, accountLabel: label, status: "active" as const, fieldsEnc: seal(id, "fields", JSON.stringify(checked.fields)), scopes: [] };
    const saved = existing ? await updateConnection(tx, id, values) : await insertConnectionIfAbsent(tx, { id, ...(endUserId ? { endUserId } : { userId }), provider: provider.code, authType: provider.authType, ...values });
    if (saved && !existing) await emitConnectionEvent(tx, "connection.created", saved);
    if (saved && existing?.status === "needs_reauth") await emitConnectionEvent(tx, "connection.recovered", saved);
    if (!saved || !userId) return saved;
    await settleDefaultAfterSave(tx, userId, provider.code, saved.id, input.makeDefault ?? false);
    return findConnectionById(tx, saved.id);
  });
  if (!connection) return { ok: false, errors: { _form: "This key is already connected." } };
  await record(db, input, "connection.create", connection);
  return { ok: true, connection };
}

/** The activity row: the masked label only, never the key. */
function record(db: Db, input: { userId: string | null; apiKeyId?: string | null }, action: "connection.create" | "connection.replace", connection: Connection) {
  return recordEvent(db, { userId: input.userId, apiKeyId: input.apiKeyId ?? null, action, provider: connection.provider, connectionId: connection.id, detail: { account: connection.accountLabel } });
}
