/**
 * Single-use e-mail link tokens in Auth.js's verification_tokens table: `identifier` is
 * "<purpose>:<userId>", `token` the SHA-256 of the link's secret (the secret itself is only in
 * the e-mail).
 */
import { and, eq, gt, like } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { verificationTokens } from "@/db/schema";

/** Store a new token for (purpose, user), replacing any earlier one: only the latest link works. */
export async function replaceEmailToken(db: DbOrTx, purpose: string, userId: string, tokenHash: string, expires: Date): Promise<void> {
  const identifier = `${purpose}:${userId}`;
  await db.delete(verificationTokens).where(eq(verificationTokens.identifier, identifier));
  await db.insert(verificationTokens).values({ identifier, token: tokenHash, expires });
}

/** Delete the token (single use) and return its user id when it was for `purpose` and unexpired. */
export async function consumeEmailToken(db: DbOrTx, purpose: string, tokenHash: string, now = new Date()): Promise<string | undefined> {
  const [row] = await db
    .delete(verificationTokens)
    .where(and(eq(verificationTokens.token, tokenHash), like(verificationTokens.identifier, `${purpose}:%`)))
    .returning();
  if (!row || row.expires <= now) return undefined;
  return row.identifier.slice(purpose.length + 1);
}

/** Whether a token is still usable, without using it (the reset page shows its form only then). */
export async function emailTokenIsLive(db: DbOrTx, purpose: string, tokenHash: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ token: verificationTokens.token })
    .from(verificationTokens)
    .where(and(eq(verificationTokens.token, tokenHash), like(verificationTokens.identifier, `${purpose}:%`), gt(verificationTokens.expires, now)))
    .limit(1);
  return row !== undefined;
}
