/**
 * Test fixtures over the REAL database the environment selects (in-memory PGlite by
 * default, Postgres with TEST_DATABASE_URL). Every fixture makes its own rows with random
 * ids, so test files can share one Postgres database.
 */
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { migrate } from "@/db/migrate";
import { apiKeys, users } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { randomBase62, randomId } from "@/lib/crypto";

let migrated: Promise<void> | undefined;

export async function testDb(): Promise<Db> {
  migrated ??= migrate();
  await migrated;
  return getDb();
}

export function uniqueEmail(tag = "user"): string {
  return `${tag}-${randomBase62(10).toLowerCase()}@example.test`;
}

/** A user row without a password (argon2 is slow and most tests do not sign in). */
export async function makeUser(db: Db, email = uniqueEmail()) {
  const [user] = await db.insert(users).values({ id: randomId("usr"), email }).returning();
  if (!user) throw new Error("fixture: user insert failed");
  return user;
}

export async function makeKey(db: Db, userId: string, opts: { providers?: string[]; expiresAt?: Date } = {}) {
  return createApiKey(db, { userId, name: "test key", providers: opts.providers ?? null, expiresAt: opts.expiresAt ?? null });
}

export async function setKeyExpiry(db: Db, keyId: string, expiresAt: Date) {
  await db.update(apiKeys).set({ expiresAt }).where(eq(apiKeys.id, keyId));
}

/** A Request as a route handler receives it. */
export function request(path: string, init: RequestInit & { key?: string } = {}): Request {
  const headers = new Headers(init.headers);
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  return new Request(`http://localhost:3000${path}`, { ...init, headers });
}

export function params<P>(p: P): { params: Promise<P> } {
  return { params: Promise.resolve(p) };
}

/** An OAuth connection row as a completed callback would leave it (token sealed to its row). */
export async function makeOAuthConnection(
  db: Db,
  userId: string,
  provider: string,
  opts: { accountId?: string; label?: string; scopes?: string[]; status?: "active" | "needs_reauth"; expiresAt?: Date | null } = {},
) {
  const { connections } = await import("@/db/schema");
  const { seal } = await import("@/lib/connections/connection-secrets");
  const id = randomId("conn");
  const [row] = await db
    .insert(connections)
    .values({
      id,
      userId,
      provider,
      authType: "oauth2",
      accountId: opts.accountId ?? randomBase62(8),
      accountLabel: opts.label ?? null,
      scopes: opts.scopes ?? [],
      status: opts.status ?? "active",
      accessTokenEnc: seal(id, "access_token", `at-${randomBase62(16)}`),
      refreshTokenEnc: seal(id, "refresh_token", `rt-${randomBase62(16)}`),
      expiresAt: opts.expiresAt === undefined ? new Date(Date.now() + 3600_000) : opts.expiresAt,
    })
    .returning();
  if (!row) throw new Error("fixture: connection insert failed");
  return row;
}

/** The key with its last character changed (never to itself: a key already ending in "x" gets "y"). */
export function tamperedKey(key: string): string {
  return `${key.slice(0, -1)}${key.endsWith("x") ? "y" : "x"}`;
}
