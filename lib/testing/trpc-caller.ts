import { TRPCError } from "@trpc/server";
import type { Db } from "@/db";
import { createCaller } from "@/lib/trpc/root";

/** The dashboard API as a signed-in user (or a visitor, with null) would call it; sessionVersion as signed in. */
export function callerFor(db: Db, userId: string | null, sessionVersion = 0) {
  const session = userId ? { user: { id: userId, sessionVersion }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
  return createCaller({ session, db, headers: new Headers() });
}

/** The tRPC error code a call ends with, or "resolved". */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return "resolved";
}
