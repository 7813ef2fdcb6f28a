/**
 * The one owner of the database connection. `getDb()` opens it lazily, once per process,
 * cached on globalThis (Next bundles routes, pages and the proxy separately; without the
 * global each bundle would open its own PGlite).
 *
 * DATABASE_URL set → Postgres through postgres.js. Unset → embedded PGlite in `.data/pglite`
 * (PGLITE_DIR overrides; `memory://` for tests). PGlite has no cross-process lock of its
 * own and two processes on one folder silently lose rows, so a lock file guards the folder.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { dataDir, env } from "@/lib/env";
import { acquireFolderLock } from "./pglite-lock";
import { flushWrites } from "./write-batcher";
import * as schema from "./schema";

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Query functions take either the database or an open transaction. */
export type DbOrTx = Db | Tx;

type Handle = { db: Db; driver: "postgres" | "pglite"; close: () => Promise<void> };
type Holder = { handle?: Promise<Handle>; ready?: Handle };
const holder = globalThis as typeof globalThis & { __akhrotDb?: Holder };
const state: Holder = (holder.__akhrotDb ??= {});

export function pgliteDir(): string {
  return env().PGLITE_DIR ?? path.join(dataDir(), "pglite");
}

async function open(): Promise<Handle> {
  const url = env().DATABASE_URL;
  if (url) {
    const { createPostgresClient, poolIdleSeconds } = await import("./postgres-client");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    // Serverless instances each hold a small pool; Postgres does the coordinating.
    const client = createPostgresClient(url, { max: 10, idle_timeout: poolIdleSeconds(env()), connect_timeout: 10 });
    const db = drizzle(client, { schema }) as unknown as Db;
    return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const dir = pgliteDir();
  const inMemory = dir.startsWith("memory://");
  let release = () => {};
  if (!inMemory) {
    mkdirSync(dir, { recursive: true });
    release = acquireFolderLock(dir);
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = new PGlite(inMemory ? undefined : dir);
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    close: async () => {
      await client.close();
      release();
    },
  };
}

async function handle(): Promise<Handle> {
  state.handle ??= open().then(
    (opened) => {
      state.ready = opened;
      return opened;
    },
    (err: unknown) => {
      state.handle = undefined;
      throw err;
    },
  );
  return state.handle;
}

export async function getDb(): Promise<Db> {
  return (await handle()).db;
}

/** The database once open, with no promise (the credential hot paths); undefined before the first getDb() resolves. */
export function openedDb(): Db | undefined {
  return state.ready?.db;
}

export async function dbDriver(): Promise<Handle["driver"]> {
  return (await handle()).driver;
}

/** Close the connection (CLI, scripts, tests); the next getDb() opens a new one. */
/** Close the connection, after writing whatever bookkeeping is still queued (./write-batcher.ts). */
export async function closeDb(): Promise<void> {
  if (state.handle) await flushWrites();
  const current = state.handle;
  state.handle = undefined;
  state.ready = undefined;
  if (current) await (await current).close();
}

export { schema };
