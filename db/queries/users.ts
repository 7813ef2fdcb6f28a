import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users, type User } from "@/db/schema";

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase())).limit(1);
  return row;
}

export async function findUserById(db: DbOrTx, id: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Insert; returns undefined when the email is taken (unique constraint), never throws for that. */
export async function insertUser(db: DbOrTx, row: typeof users.$inferInsert): Promise<User | undefined> {
  const [created] = await db.insert(users).values(row).onConflictDoNothing({ target: users.email }).returning();
  return created;
}

/** Ends every dashboard session of this user (their JWTs carry the old version). */
export async function bumpSessionVersion(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/** A new password ends every existing session in the same statement. */
export async function setPasswordHash(db: DbOrTx, userId: string, passwordHash: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

export async function markEmailVerified(db: DbOrTx, userId: string, at = new Date()): Promise<void> {
  await db.update(users).set({ emailVerified: at }).where(eq(users.id, userId));
}
