/**
 * Seal and open a connection's secrets. Each column's ciphertext is bound to the row id and
 * the column name, so the row id must be known before sealing.
 */
import type { Connection } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto";

export type SecretColumn = "access_token" | "refresh_token" | "fields";

export const aadFor = (connectionId: string, column: SecretColumn) => `${connectionId}:${column}`;

export function seal(connectionId: string, column: SecretColumn, value: string | undefined | null): string | null {
  return value ? encryptSecret(value, aadFor(connectionId, column)) : null;
}

export function openAccessToken(row: Connection): string | undefined {
  return row.accessTokenEnc ? decryptSecret(row.accessTokenEnc, aadFor(row.id, "access_token")) : undefined;
}

export function openRefreshToken(row: Connection): string | undefined {
  return row.refreshTokenEnc ? decryptSecret(row.refreshTokenEnc, aadFor(row.id, "refresh_token")) : undefined;
}

export function openFields(row: Connection): Record<string, string> {
  if (!row.fieldsEnc) return {};
  return JSON.parse(decryptSecret(row.fieldsEnc, aadFor(row.id, "fields"))) as Record<string, string>;
}
