import { getDb } from "@/db";
import { touchApiKey } from "@/db/queries/api-keys";

/**
 * Record `last_used_at` off the response path: at most one write per key per 30 s per
 * process, fire-and-forget, failures logged and dropped (the timestamp is informational).
 */
const INTERVAL_MS = 30_000;
const lastWrite = new Map<string, number>();

export function touchLastUsed(keyId: string, now = Date.now()): Promise<void> | undefined {
  const prev = lastWrite.get(keyId);
  if (prev !== undefined && now - prev < INTERVAL_MS) return undefined;
  if (lastWrite.size > 50_000) lastWrite.clear();
  lastWrite.set(keyId, now);
  return getDb()
    .then((db) => touchApiKey(db, keyId, new Date(now)))
    .catch((err: unknown) => {
      lastWrite.delete(keyId);
      console.error(`akhrot: could not record key use: ${err instanceof Error ? err.name : "error"}`);
    });
}
