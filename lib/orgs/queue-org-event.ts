/**
 * Org audit rows of the provider-tokens hot path (`provider_token.issued`, `…refreshed`), written
 * in batches (db/write-batcher.ts): one INSERT per window however many tokens, as the agent
 * family's activity rows (lib/audit/queue-event.ts). Secret-looking detail keys are dropped.
 */
import type { Db } from "@/db";
import { insertOrgAuditEvents, type NewOrgAuditEvent } from "@/db/queries/org-audit";
import { createWriteBatcher } from "@/db/write-batcher";
import { scrub } from "@/lib/audit/record-event";

const events = createWriteBatcher<NewOrgAuditEvent>("org audit row", (db, rows) => insertOrgAuditEvents(db, rows));

/** Queue one org audit row; resolves once it is written (or its batch failed and was logged). */
export function queueOrgEvent(db: Db, event: NewOrgAuditEvent): Promise<void> {
  return events.queue(db, { ...event, detail: scrub(event.detail), createdAt: event.createdAt ?? new Date() });
}
