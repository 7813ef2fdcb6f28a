/**
 * Re-encrypt every stored secret under the current AKHROT_ENCRYPTION_KEY.
 *
 * Rotation without downtime: deploy with the new key in AKHROT_ENCRYPTION_KEY and the old one
 * in AKHROT_ENCRYPTION_KEYS_OLD (both readable), run `npm run akhrot -- encryption rotate`,
 * then drop the old key. Each row is rewritten with a conditional UPDATE (only if its
 * ciphertexts are still the ones read), so a refresh that lands meanwhile is never undone;
 * such rows are simply picked up again on the next pass.
 */
import { and, asc, eq, gt, isNotNull, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { connections, connectSessions } from "@/db/schema";
import { ciphertextKeyId, currentKeyId, decryptSecret, DecryptionError, encryptSecret } from "@/lib/crypto";
import { aadFor } from "./connection-secrets";

/** `unreadable`: rows no configured key opens (tampered, or sealed under a key that was dropped); left as they are. */
export type RotationResult = { connections: number; sessions: number; unreadable: number; passes: number };

const reseal = (box: string | null, aad: string): string | null => (box && ciphertextKeyId(box) !== currentKeyId() ? encryptSecret(decryptSecret(box, aad), aad) : box);

/** The session column holds a PKCE verifier (OAuth) or the Telegram login state (lib/telegram), each under its own AAD. */
function resealSessionSecret(id: string, box: string | null): string | null {
  try {
    return reseal(box, `${id}:code_verifier`);
  } catch (err) {
    if (!(err instanceof DecryptionError)) throw err;
    return reseal(box, `${id}:telegram_login`);
  }
}

function staleClause(column: AnyPgColumn) {
  // Ciphertexts look like v1.<keyId>.…; anything not on the current key id is stale.
  return and(isNotNull(column), sql`split_part(${column}, '.', 2) <> ${currentKeyId()}`);
}

/**
 * Walk stale rows in id order (a keyset cursor, so unreadable rows never block a page), pass
 * after pass, until a pass finds nothing left to rewrite. A row skipped because a concurrent
 * refresh changed it is simply met again on the next pass.
 */
export async function rotateEncryption(db: Db, batch = 200): Promise<RotationResult> {
  const result: RotationResult = { connections: 0, sessions: 0, unreadable: 0, passes: 0 };
  const unreadable = new Set<string>();
  const isStale = or(staleClause(connections.accessTokenEnc), staleClause(connections.refreshTokenEnc), staleClause(connections.fieldsEnc));
  for (let pass = 0; pass < 20; pass++) {
    result.passes++;
    let rewritten = 0;
    for (let cursor = ""; ; ) {
      const rows = await db.select().from(connections).where(and(isStale, gt(connections.id, cursor))).orderBy(asc(connections.id)).limit(batch);
      if (!rows.length) break;
      cursor = rows[rows.length - 1]?.id ?? cursor;
      for (const r of rows) {
        if (unreadable.has(r.id)) continue;
        let sealed;
        try {
          sealed = {
            accessTokenEnc: reseal(r.accessTokenEnc, aadFor(r.id, "access_token")),
            refreshTokenEnc: reseal(r.refreshTokenEnc, aadFor(r.id, "refresh_token")),
            fieldsEnc: reseal(r.fieldsEnc, aadFor(r.id, "fields")),
          };
        } catch (err) {
          if (!(err instanceof DecryptionError)) throw err;
          unreadable.add(r.id);
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
        if (updated) {
          rewritten++;
          result.connections++;
        }
      }
    }
    for (let cursor = ""; ; ) {
      const rows = await db
        .select()
        .from(connectSessions)
        .where(and(staleClause(connectSessions.codeVerifierEnc), gt(connectSessions.id, cursor)))
        .orderBy(asc(connectSessions.id))
        .limit(batch);
      if (!rows.length) break;
      cursor = rows[rows.length - 1]?.id ?? cursor;
      for (const s of rows) {
        if (unreadable.has(s.id)) continue;
        let codeVerifierEnc;
        try {
          codeVerifierEnc = resealSessionSecret(s.id, s.codeVerifierEnc);
        } catch (err) {
          if (!(err instanceof DecryptionError)) throw err;
          unreadable.add(s.id);
          continue;
        }
        const [updated] = await db
          .update(connectSessions)
          .set({ codeVerifierEnc })
          .where(and(eq(connectSessions.id, s.id), sql`${connectSessions.codeVerifierEnc} IS NOT DISTINCT FROM ${s.codeVerifierEnc}`))
          .returning({ id: connectSessions.id });
        if (updated) {
          rewritten++;
          result.sessions++;
        }
      }
    }
    if (rewritten === 0) break;
  }
  result.unreadable = unreadable.size;
  return result;
}
