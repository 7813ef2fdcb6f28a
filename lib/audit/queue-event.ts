/**
 * Activity rows for the agent hot paths (token fetches, MCP calls, refused agent calls),
 * written in batches (db/write-batcher.ts): one INSERT per window however many events.
 * Secret-looking detail keys are dropped on the way in.
 *
 * Identical events of one window are ONE row with their count (audit_events.count): same user,
 * key, action, provider, connection, outcome and detail, stamped with the first one's time. An
 * agent that fetches a token before every provider call would otherwise write a row per call,
 * and that row was most of the database's work per fetch (README, Performance). What the log
 * says is unchanged: who fetched which connection with which key, when (to the window, 20 ms),
 * and how many times.
 */
import type { Db } from "@/db";
import { insertAuditEvents, type NewAuditEvent } from "@/db/queries/audit";
import { createWriteBatcher } from "@/db/write-batcher";
import { scrub } from "./record-event";

/** Events in first-seen order, identical ones merged into the first with their total count. */
export function coalesceEvents(events: NewAuditEvent[]): NewAuditEvent[] {
  const rows = new Map<string, NewAuditEvent>();
  for (const e of events) {
    const same = JSON.stringify([e.userId, e.apiKeyId ?? null, e.action, e.provider ?? null, e.connectionId ?? null, e.outcome ?? "success", e.detail ?? {}]);
    const seen = rows.get(same);
    if (seen) seen.count = (seen.count ?? 1) + (e.count ?? 1);
    else rows.set(same, { ...e });
  }
  return [...rows.values()];
}

const events = createWriteBatcher<NewAuditEvent>("activity row", (db, rows) => insertAuditEvents(db, coalesceEvents(rows)));

/** Queue one activity row; resolves once it is written (or its batch failed and was logged). */
export function queueEvent(db: Db, event: NewAuditEvent): Promise<void> {
  return events.queue(db, { ...event, detail: scrub(event.detail), createdAt: event.createdAt ?? new Date() });
}
