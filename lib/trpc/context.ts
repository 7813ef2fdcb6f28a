import { getDb } from "@/db";
import { auth } from "@/lib/auth/auth";
import type { TRPCContext } from "./init";

/** The session (from the Auth.js cookie) and the database for one dashboard API request. */
export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  const [session, db] = await Promise.all([auth(), getDb()]);
  return { session, db, headers: opts.headers };
}
