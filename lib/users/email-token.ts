import { randomBytes } from "node:crypto";
import type { DbOrTx } from "@/db";
import { consumeEmailToken, emailTokenIsLive, replaceEmailToken } from "@/db/queries/email-tokens";
import { sha256Hex } from "@/lib/crypto";

/** What a link in an e-mail can do, and for how long. */
export const EMAIL_TOKEN_PURPOSES = {
  "verify-email": { ttlMs: 24 * 60 * 60_000 },
  // Short: a reset link in a mailbox is a password for whoever reads it.
  "reset-password": { ttlMs: 30 * 60_000 },
} as const;
export type EmailTokenPurpose = keyof typeof EMAIL_TOKEN_PURPOSES;

/** A fresh 256-bit secret for the link; only its digest is stored, and it replaces earlier ones. */
export async function issueEmailToken(db: DbOrTx, purpose: EmailTokenPurpose, userId: string, now = new Date()): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  await replaceEmailToken(db, purpose, userId, sha256Hex(secret), new Date(now.getTime() + EMAIL_TOKEN_PURPOSES[purpose].ttlMs));
  return secret;
}

const plausible = (secret: unknown): secret is string => typeof secret === "string" && /^[A-Za-z0-9_-]{43}$/.test(secret);

/** Use the link (once): its user id, or undefined when unknown, used or expired. */
export async function redeemEmailToken(db: DbOrTx, purpose: EmailTokenPurpose, secret: unknown, now = new Date()): Promise<string | undefined> {
  return plausible(secret) ? consumeEmailToken(db, purpose, sha256Hex(secret), now) : undefined;
}

export async function emailTokenUsable(db: DbOrTx, purpose: EmailTokenPurpose, secret: unknown, now = new Date()): Promise<boolean> {
  return plausible(secret) ? emailTokenIsLive(db, purpose, sha256Hex(secret), now) : false;
}
