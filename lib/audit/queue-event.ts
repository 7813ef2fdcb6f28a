/**
 * Activity rows for the token-fetch hot path, written in batches (db/write-batcher.ts): one
 * INSERT per window however many fetches. Secret-looking detail keys are dropped on the way in.
 */
import type { Db } from "@/db";
import { insertAuditEvents, type NewAuditEvent } from "@/db/queries/audit";
import { createWriteBatcher } from "@/db/write-batcher";
import { scrub } from "./record-event";

const events = createWriteBatcher<NewAuditEvent>("activity row", (db, rows) => insertAuditEvents(db, rows));

/** Queue one activity row; resolves once it is written (or its batch failed and was logged). */
export function queueEvent(db: Db, event: NewAuditEvent): Promise<void> {
  return events.queue(db, { ...event, detail: scrub(event.detail), createdAt: event.createdAt ?? new Date() });
}
