import type { Db } from "@/db";
import { clearAbandonedSessionSecrets } from "@/db/queries/connect-sessions";

/**
 * How long after expiry an abandoned session keeps its secrets: well past any callback that
 * consumed its state just before expiry and is still exchanging the code.
 */
export const ABANDONED_GRACE_MS = 60 * 60_000;

/** Run by the cron: encrypted leftovers of connect sessions nobody finished are dropped. */
export function purgeAbandonedSessions(db: Db, now = new Date()): Promise<number> {
  return clearAbandonedSessionSecrets(db, new Date(now.getTime() - ABANDONED_GRACE_MS));
}
