/**
 * Re-encrypt every stored secret under the current AKHROT_ENCRYPTION_KEY.
 *
 * Rotation without downtime: deploy with the new key in AKHROT_ENCRYPTION_KEY and the old one
 * in AKHROT_ENCRYPTION_KEYS_OLD (both readable), run `npm run akhrot -- encryption rotate`,
 * then drop the old key. Each row is rewritten with a conditional UPDATE (only if its
 * ciphertexts are still the ones read), so a refresh that lands meanwhile is never undone;
 * such rows are simply picked up again on the next pass.
 */
import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { connections, connectSessions } from "@/db/schema";
import { ciphertextKeyId, currentKeyId, decryptSecret, DecryptionError, encryptSecret } from "@/lib/crypto";
import { aadFor } from "./connection-secrets";

/** `unreadable`: rows no configured key opens (tampered, or sealed under a key that was dropped); left as they are. */
export type RotationResult = { connections: number; sessions: number; unreadable: number; passes: number };

const reseal = (box: string | null, aad: string): string | null => (box && ciphertextKeyId(box) !== currentKeyId() ? encryptSecret(decryptSecret(box, aad), aad) : box);

function staleClause(column: AnyPgColumn) {
  // Ciphertexts look like v1.<keyId>.…; anything not on the current key id is stale.
  return and(isNotNull(column), sql`split_part(${column}, '.', 2) <> ${currentKeyId()}`);
}

export async function rotateEncryption(db: Db, batch = 200): Promise<RotationResult> {
  const result: RotationResult = { connections: 0, sessions: 0, unreadable: 0, passes: 0 };
  const skipped = new Set<string>();
  for (let pass = 0; pass < 1000; pass++) {
    result.passes++;
    const rows = await db
      .select()
      .from(connections)
      .where(or(staleClause(connections.accessTokenEnc), staleClause(connections.refreshTokenEnc), staleClause(connections.fieldsEnc)))
      .limit(batch);
    const sessions = await db.select().from(connectSessions).where(staleClause(connectSessions.codeVerifierEnc)).limit(batch);
    const todo = rows.filter((r) => !skipped.has(r.id));
    const sessionsTodo = sessions.filter((x) => !skipped.has(x.id));
    if (!todo.length && !sessionsTodo.length) break;
    for (const r of todo) {
      let sealed;
      try {
        sealed = {
          accessTokenEnc: reseal(r.accessTokenEnc, aadFor(r.id, "access_token")),
          refreshTokenEnc: reseal(r.refreshTokenEnc, aadFor(r.id, "refresh_token")),
          fieldsEnc: reseal(r.fieldsEnc, aadFor(r.id, "fields")),
        };
      } catch (err) {
        if (!(err instanceof DecryptionError)) throw err;
        skipped.add(r.id);
        result.unreadable++;
        continue;
      }
      const [updated] = await db
        .update(connections)
        .set(sealed)
        .where(
          and(
            eq(connections.id, r.id),
            sql`${connections.accessTokenEnc} IS NOT DISTINCT FROM ${r.accessTokenEnc}`,
            sql`${connections.refreshTokenEnc} IS NOT DISTINCT FROM ${r.refreshTokenEnc}`,
            sql`${connections.fieldsEnc} IS NOT DISTINCT FROM ${r.fieldsEnc}`,
          ),
        )
        .returning({ id: connections.id });
      if (updated) result.connections++;
    }
    for (const s of sessionsTodo) {
      let codeVerifierEnc;
      try {
        codeVerifierEnc = reseal(s.codeVerifierEnc, `${s.id}:code_verifier`);
      } catch (err) {
        if (!(err instanceof DecryptionError)) throw err;
        skipped.add(s.id);
        result.unreadable++;
        continue;
      }
      const [updated] = await db
        .update(connectSessions)
        .set({ codeVerifierEnc })
        .where(and(eq(connectSessions.id, s.id), sql`${connectSessions.codeVerifierEnc} IS NOT DISTINCT FROM ${s.codeVerifierEnc}`))
        .returning({ id: connectSessions.id });
      if (updated) result.sessions++;
    }
  }
  return result;
}
