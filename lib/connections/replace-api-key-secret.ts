import type { DbOrTx } from "@/db";
import { findConnectionByAccount, updateConnection } from "@/db/queries/connections";
import type { Connection } from "@/db/schema";
import { seal } from "./connection-secrets";
import { findReplaceableConnection } from "./find-replaceable-connection";
import type { FieldErrors } from "./validate-credential-fields";

const GONE = "The connection whose key you are replacing was disconnected, so nothing was saved. Connect the key again from the dashboard.";

export type ReplaceResult = { ok: true; connection: Connection } | { ok: false; errors: FieldErrors };

/**
 * Swap the key of an existing API-key connection in place: the id (which agents may have
 * stored) and the default flag stay; the fingerprint account id and masked label follow the
 * new key. Run inside the caller's transaction.
 */
export async function replaceApiKeySecret(
  tx: DbOrTx,
  input: { userId: string; provider: string; connectionId: string; accountId: string; label: string; fields: Record<string, string> },
): Promise<ReplaceResult> {
  const target = await findReplaceableConnection(tx, input.userId, input.provider, input.connectionId);
  if (!target) return { ok: false, errors: { _form: GONE } };
  // (user, provider, account) is unique: a key that is already another account is refused, not a 500.
  const twin = await findConnectionByAccount(tx, input.userId, input.provider, input.accountId);
  if (twin && twin.id !== target.id) return { ok: false, errors: { _form: `This key is already connected as ${twin.accountLabel ?? "another account"}.` } };
  const connection = await updateConnection(tx, target.id, {
    accountId: input.accountId,
    accountLabel: input.label,
    status: "active",
    fieldsEnc: seal(target.id, "fields", JSON.stringify(input.fields)),
  });
  if (!connection) return { ok: false, errors: { _form: GONE } };
  return { ok: true, connection };
}
