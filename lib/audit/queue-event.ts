/**
 * Activity rows for the token-fetch hot path, written in batches: every row queued within
 * BATCH_WINDOW_MS (or the first MAX_BATCH of them) goes to the database in one INSERT, so a
 * busy instance writes one statement per window instead of one per fetch.
 *
 * The promise a caller gets settles when its batch is written, so `defer()` (Next's `after()`,
 * waitUntil on Vercel) keeps a serverless function alive until its row is in. A failed batch
 * is logged once, by error name, and dropped, as a failed single insert was: bookkeeping never
 * fails a credential fetch. Memory is bounded by the window and MAX_BATCH.
 */
import type { Db } from "@/db";
import { insertAuditEvents, type NewAuditEvent } from "@/db/queries/audit";
import { scrub } from "./record-event";

export const BATCH_WINDOW_MS = 20;
export const MAX_BATCH = 500;

type Batch = { rows: NewAuditEvent[]; done: Promise<void>; timer: ReturnType<typeof setTimeout>; write: () => Promise<void> };
const open = new Map<Db, Batch>();

function startBatch(db: Db): Batch {
  let release = () => {};
  const rows: NewAuditEvent[] = [];
  const done = new Promise<void>((resolve) => (release = resolve));
  let written = false;
  const write = async () => {
    if (written) return done;
    written = true;
    clearTimeout(batch.timer);
    if (open.get(db) === batch) open.delete(db);
    try {
      await insertAuditEvents(db, rows);
    } catch (err) {
      console.error(`akhrot: ${rows.length} activity row(s) could not be written: ${err instanceof Error ? err.name : "error"}`);
    } finally {
      release();
    }
  };
  const batch: Batch = { rows, done, write, timer: setTimeout(() => void write(), BATCH_WINDOW_MS) };
  open.set(db, batch);
  return batch;
}

/** Queue one activity row; resolves once it is written (or its batch failed and was logged). */
export function queueEvent(db: Db, event: NewAuditEvent): Promise<void> {
  const batch = open.get(db) ?? startBatch(db);
  batch.rows.push({ ...event, detail: scrub(event.detail), createdAt: event.createdAt ?? new Date() });
  if (batch.rows.length >= MAX_BATCH) void batch.write();
  return batch.done;
}

/** Write whatever is queued now (tests, shutdown). */
export async function flushEvents(): Promise<void> {
  await Promise.all([...open.values()].map((b) => b.write()));
}
