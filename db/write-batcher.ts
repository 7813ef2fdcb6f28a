/**
 * Bookkeeping writes of the token-fetch hot path (activity rows, last-used stamps), batched:
 * every item queued within WINDOW_MS (or the first MAX_BATCH of them) goes to the database in
 * one statement, so a busy instance writes one statement per window instead of one per fetch.
 *
 * The promise a caller gets settles when its batch is written, so `defer()` (Next's `after()`,
 * waitUntil on Vercel) keeps a serverless function alive until its write is in. A failed batch
 * is logged once, by error name, and dropped: bookkeeping never fails a credential fetch.
 * Memory is bounded by the window and MAX_BATCH. Batches are per database handle.
 */
import type { Db } from "./index";
import { logError } from "@/lib/log";

export const WINDOW_MS = 20;
export const MAX_BATCH = 500;

export type WriteBatcher<T> = {
  /** Queue one item; resolves once its batch is written (or failed and was logged). */
  queue: (db: Db, item: T) => Promise<void>;
  /** Write whatever is queued now. */
  flush: () => Promise<void>;
};

type Batch<T> = { items: T[]; done: Promise<void>; write: () => Promise<void> };

const everyBatcher: WriteBatcher<never>[] = [];

/** `what` names the items in the failure log line ("activity row"). */
export function createWriteBatcher<T>(what: string, write: (db: Db, items: T[]) => Promise<void>): WriteBatcher<T> {
  const open = new Map<Db, Batch<T>>();
  /** Batches whose write has started (the window elapsed) and not ended: flush() waits for them too. */
  const writing = new Set<Promise<void>>();

  function start(db: Db): Batch<T> {
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const batch: Batch<T> = {
      items: [],
      done,
      write: async () => {
        if (started) return done;
        started = true;
        writing.add(done);
        void done.then(() => writing.delete(done));
        clearTimeout(timer);
        if (open.get(db) === batch) open.delete(db);
        try {
          await write(db, batch.items);
        } catch (err) {
          logError("write-batch", err, { what, rows: batch.items.length });
        } finally {
          release();
        }
      },
    };
    const timer = setTimeout(() => void batch.write(), WINDOW_MS);
    open.set(db, batch);
    return batch;
  }

  const batcher: WriteBatcher<T> = {
    queue(db, item) {
      const batch = open.get(db) ?? start(db);
      batch.items.push(item);
      if (batch.items.length >= MAX_BATCH) void batch.write();
      return batch.done;
    },
    async flush() {
      await Promise.all([...open.values()].map((b) => b.write()));
      await Promise.all([...writing]);
    },
  };
  everyBatcher.push(batcher as WriteBatcher<never>);
  return batcher;
}

/** Write everything every batcher has queued (tests, shutdown). */
export async function flushWrites(): Promise<void> {
  await Promise.all(everyBatcher.map((b) => b.flush()));
}

/** Last-use stamps: one per id, the latest (an UPDATE … FROM with two rows for one id picks either). */
export function latestById<T extends { id: string; at: Date }>(items: T[]): T[] {
  const latest = new Map<string, T>();
  for (const item of items) {
    const seen = latest.get(item.id);
    if (!seen || seen.at < item.at) latest.set(item.id, item);
  }
  return [...latest.values()];
}

export type StampQueue<T> = {
  /** True, and remembered, when `key` was not stamped in the last interval (per process; the map is bounded). */
  due: (key: string, now: number) => boolean;
  queue: WriteBatcher<T>["queue"];
};

/**
 * Last-use stamps (informational): at most one per key per `intervalMs` per process, written
 * in batches, the latest per id.
 */
export function createStampQueue<T extends { id: string; at: Date }>(what: string, write: (db: Db, stamps: T[]) => Promise<void>, intervalMs = 30_000): StampQueue<T> {
  const batcher = createWriteBatcher<T>(what, (db, items) => write(db, latestById(items)));
  const stamped = new Map<string, number>();
  return {
    due(key, now) {
      if (now - (stamped.get(key) ?? Number.NEGATIVE_INFINITY) < intervalMs) return false;
      if (stamped.size > 50_000) stamped.clear();
      stamped.set(key, now);
      return true;
    },
    queue: batcher.queue,
  };
}
