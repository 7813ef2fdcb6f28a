import { bigint, pgSchema, serial, text } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";

/**
 * drizzle's own bookkeeping table (written by its migrator, never by us): one row per applied
 * migration, `created_at` = the journal entry's `when`. Declared here, not in db/schema.ts,
 * so drizzle-kit never generates a migration for it.
 */
const drizzleSchema = pgSchema("drizzle");
const appliedMigrations = drizzleSchema.table("__drizzle_migrations", {
  id: serial("id").primaryKey(),
  hash: text("hash").notNull(),
  createdAt: bigint("created_at", { mode: "number" }),
});

/** The `when` stamps of every applied migration (throws when the table does not exist: never migrated). */
export async function listAppliedMigrationStamps(db: DbOrTx): Promise<number[]> {
  const rows = await db.select({ createdAt: appliedMigrations.createdAt }).from(appliedMigrations);
  return rows.flatMap((r) => (r.createdAt === null ? [] : [Number(r.createdAt)]));
}
