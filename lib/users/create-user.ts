import argon2 from "argon2";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { findUserByEmail, insertUser } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { randomId } from "@/lib/crypto";

export const MIN_PASSWORD_LENGTH = 10;

export const credentialsSchema = z.object({
  email: z.email("Enter a valid email address.").max(254).transform((e) => e.trim().toLowerCase()),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(256, "Password must be at most 256 characters."),
});

export type CreateUserResult = { ok: true; user: User } | { ok: false; reason: "email_taken" };

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4), which meet OWASP's guidance. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/**
 * Insert an account. The password is hashed BEFORE we learn whether the address is taken, so
 * both answers cost the same argon2 work (S10: timing must not reveal who has an account).
 * `verified`: the operator CLI and invitations vouch for the address.
 */
export async function createUser(db: DbOrTx, input: { email: string; password: string; name?: string; verified?: boolean }): Promise<CreateUserResult> {
  const { email, password } = credentialsSchema.parse(input);
  const passwordHash = await hashPassword(password);
  const user = await insertUser(db, { id: randomId("usr"), email, name: input.name ?? null, passwordHash, emailVerified: input.verified ? new Date() : null });
  return user ? { ok: true, user } : { ok: false, reason: "email_taken" };
}

// A fixed hash to verify against when the email is unknown, so "no such user" and
// "wrong password" take the same time.
let dummyHash: Promise<string> | undefined;

/** The user when email + password match; undefined otherwise (same cost either way). */
export async function verifyCredentials(db: DbOrTx, email: string, password: string): Promise<User | undefined> {
  const user = await findUserByEmail(db, email.trim());
  dummyHash ??= hashPassword("akhrot-timing-equaliser");
  const hash = user?.passwordHash ?? (await dummyHash);
  const ok = await argon2.verify(hash, password).catch(() => false);
  return ok && user?.passwordHash ? user : undefined;
}
