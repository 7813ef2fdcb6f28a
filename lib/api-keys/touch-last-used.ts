import { getDb } from "@/db";
import { touchApiKey } from "@/db/queries/api-keys";
import { defer } from "@/lib/api/defer";

/**
 * Record `last_used_at` after the response: at most one write per key per 30 s per process
 * (the timestamp is informational; a bounded map keeps memory flat).
 */
const INTERVAL_MS = 30_000;
const lastWrite = new Map<string, number>();

export function touchLastUsed(keyId: string, now = Date.now()): void {
  const prev = lastWrite.get(keyId);
  if (prev !== undefined && now - prev < INTERVAL_MS) return;
  if (lastWrite.size > 50_000) lastWrite.clear();
  lastWrite.set(keyId, now);
  defer(async () => touchApiKey(await getDb(), keyId, new Date(now)));
}
