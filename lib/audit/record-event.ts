import type { DbOrTx } from "@/db";
import { insertAuditEvent, type NewAuditEvent } from "@/db/queries/audit";

/** Keys that must never be written to an audit row, whatever a caller passes. */
const SECRET_KEYS = /token|secret|password|key$|apikey|verifier|code$|authorization|cookie/i;

export function scrub(detail: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(detail ?? {})) if (!SECRET_KEYS.test(k)) out[k] = v;
  return out;
}

/**
 * Write one activity row. Detail keys that look secret are dropped, not stored. The activity
 * log is a dashboard user's; an end user's connection (user_id null, issue 13) has none, and
 * its events go to the organization's audit log instead (lib/provider-tokens).
 */
export async function recordEvent(db: DbOrTx, event: Omit<NewAuditEvent, "userId"> & { userId: string | null }): Promise<void> {
  const { userId } = event;
  if (userId === null) return;
  await insertAuditEvent(db, { ...event, userId, detail: scrub(event.detail) });
}
