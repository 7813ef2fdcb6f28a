/**
 * `akhrot encryption status`: how many stored secrets each encryption key id seals, and
 * whether this instance can open them. Run it before dropping a key from
 * AKHROT_ENCRYPTION_KEYS_OLD: a key id still listed must stay until `encryption rotate` moved
 * its secrets (S20: nothing else would tell the operator a row is about to become unreadable).
 */
import { isNotNull, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { connections, connectSessions } from "@/db/schema";
import { configuredKeyIds, currentKeyId } from "@/lib/crypto";

export type KeyUsage = { keyId: string; secrets: number; state: "current" | "old" | "missing" };

async function countByKeyId(db: Db, column: AnyPgColumn, into: Map<string, number>): Promise<void> {
  const keyId = sql<string>`split_part(${column}, '.', 2)`;
  const rows = await db
    .select({ keyId, n: sql<number>`count(*)::int` })
    .from(column.table)
    .where(isNotNull(column))
    .groupBy(keyId);
  for (const r of rows) into.set(r.keyId, (into.get(r.keyId) ?? 0) + Number(r.n));
}

export async function encryptionStatus(db: Db): Promise<KeyUsage[]> {
  const counts = new Map<string, number>();
  for (const column of [connections.accessTokenEnc, connections.refreshTokenEnc, connections.fieldsEnc, connectSessions.codeVerifierEnc]) await countByKeyId(db, column, counts);
  const configured = new Set(configuredKeyIds());
  const current = currentKeyId();
  for (const id of configured) if (!counts.has(id)) counts.set(id, 0);
  return [...counts]
    .map(([keyId, secrets]): KeyUsage => ({ keyId, secrets, state: keyId === current ? "current" : configured.has(keyId) ? "old" : "missing" }))
    .sort((a, b) => a.keyId.localeCompare(b.keyId));
}
