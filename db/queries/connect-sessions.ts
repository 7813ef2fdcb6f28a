import { and, eq, gt, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { connectSessions, type ConnectSession } from "@/db/schema";

export async function insertConnectSession(db: DbOrTx, row: typeof connectSessions.$inferInsert): Promise<ConnectSession> {
  const [created] = await db.insert(connectSessions).values(row).returning();
  if (!created) throw new Error("insert into connect_sessions returned no row");
  return created;
}

export async function findConnectSession(db: DbOrTx, id: string): Promise<ConnectSession | undefined> {
  const [row] = await db.select().from(connectSessions).where(eq(connectSessions.id, id)).limit(1);
  return row;
}

/**
 * Arm a pending, unexpired session with a fresh state + PKCE verifier (the human pressed
 * Continue). Armed once: only the browser that armed it first (same binding) may arm it again.
 */
export async function armConnectSession(db: DbOrTx, id: string, arm: { stateHash: string; codeVerifierEnc: string | null; browserBindingHash: string; makeDefault?: boolean }, now: Date) {
  const [row] = await db
    .update(connectSessions)
    .set({ stateHash: arm.stateHash, codeVerifierEnc: arm.codeVerifierEnc, browserBindingHash: arm.browserBindingHash, startedAt: now, makeDefault: arm.makeDefault ?? false })
    .where(
      and(
        eq(connectSessions.id, id),
        eq(connectSessions.status, "pending"),
        gt(connectSessions.expiresAt, now),
        or(isNull(connectSessions.browserBindingHash), eq(connectSessions.browserBindingHash, arm.browserBindingHash)),
      ),
    )
    .returning();
  return row;
}

/**
 * Consume a state exactly once: the conditional UPDATE clears the digest, so of two
 * concurrent callbacks with the same state only one gets the row back.
 */
export async function consumeState(db: DbOrTx, stateHash: string): Promise<ConnectSession | undefined> {
  const [row] = await db
    .update(connectSessions)
    .set({ stateHash: null })
    .where(and(eq(connectSessions.stateHash, stateHash), eq(connectSessions.status, "pending")))
    .returning();
  return row;
}

export async function finishConnectSession(
  db: DbOrTx,
  id: string,
  result: { status: "completed"; connectionId: string } | { status: "failed"; error: string },
): Promise<void> {
  await db
    .update(connectSessions)
    .set({
      status: result.status,
      connectionId: result.status === "completed" ? result.connectionId : null,
      error: result.status === "failed" ? result.error : null,
      codeVerifierEnc: null,
      completedAt: new Date(),
    })
    .where(eq(connectSessions.id, id));
}

/**
 * Abandoned sessions (expired before `before`, never completed): drop the encrypted PKCE
 * verifier or Telegram login state and the state digest, which nothing can use any more.
 * Completed and failed sessions already lost them in `finishConnectSession`.
 */
export async function clearAbandonedSessionSecrets(db: DbOrTx, before: Date): Promise<number> {
  const rows = await db
    .update(connectSessions)
    .set({ codeVerifierEnc: null, stateHash: null })
    .where(and(lt(connectSessions.expiresAt, before), or(isNotNull(connectSessions.codeVerifierEnc), isNotNull(connectSessions.stateHash))))
    .returning({ id: connectSessions.id });
  return rows.length;
}
