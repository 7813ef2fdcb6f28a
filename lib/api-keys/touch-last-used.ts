import { getDb } from "@/db";
import { stampApiKeysUsed } from "@/db/queries/api-keys";
import { createStampQueue } from "@/db/write-batcher";
import { defer } from "@/lib/api/defer";

/** Record `last_used_at` after the response: at most one stamp per key per 30 s per process, batched. */
const stamps = createStampQueue<{ id: string; at: Date }>("key last-used stamp", stampApiKeysUsed);

export function touchLastUsed(keyId: string, now = Date.now()): void {
  if (!stamps.due(keyId, now)) return;
  defer(async () => stamps.queue(await getDb(), { id: keyId, at: new Date(now) }));
}
