import type { DbOrTx } from "@/db";
import { insertOrgAuditEvent, type NewOrgAuditEvent } from "@/db/queries/org-audit";
import { scrub } from "@/lib/audit/record-event";

/** Write one org audit row (in the caller's transaction). Secret-looking detail keys are dropped. */
export async function recordOrgEvent(db: DbOrTx, event: NewOrgAuditEvent): Promise<void> {
  await insertOrgAuditEvent(db, { ...event, detail: scrub(event.detail) });
}
