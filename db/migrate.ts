import path from "node:path";
import { closeDb, dbDriver, getDb } from "./index";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** Apply committed migrations to whichever database the environment selects. Idempotent. */
export async function migrate(): Promise<void> {
  const db = await getDb();
  if ((await dbDriver()) === "postgres") {
    const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
    await run(db as Parameters<typeof run>[0], { migrationsFolder });
  } else {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(db as Parameters<typeof run>[0], { migrationsFolder });
  }
}

export { closeDb };
