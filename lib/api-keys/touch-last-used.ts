import { getDb } from "@/db";
import { stampApiKeysUsed } from "@/db/queries/api-keys";
import { createWriteBatcher, latestById } from "@/db/write-batcher";
import { defer } from "@/lib/api/defer";

/**
 * Record `last_used_at` after the response: at most one stamp per key per 30 s per process
 * (the timestamp is informational; a bounded map keeps memory flat), written in batches.
 */
const INTERVAL_MS = 30_000;
const lastWrite = new Map<string, number>();
const stamps = createWriteBatcher<{ id: string; at: Date }>("key last-used stamp", (db, items) => stampApiKeysUsed(db, latestById(items)));

export function touchLastUsed(keyId: string, now = Date.now()): void {
  const prev = lastWrite.get(keyId);
  if (prev !== undefined && now - prev < INTERVAL_MS) return;
  if (lastWrite.size > 50_000) lastWrite.clear();
  lastWrite.set(keyId, now);
  defer(async () => stamps.queue(await getDb(), { id: keyId, at: new Date(now) }));
}
