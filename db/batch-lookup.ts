/**
 * Reads of the credential hot paths, gathered per event-loop turn: every lookup asked for while
 * Node handles one batch of socket events goes to the database as ONE statement (the keys as a
 * JSON array, `jsonb_to_recordset`), and each caller gets its own rows back.
 *
 * Why: on the 2-core machines the benches run on, Postgres shares the CPU with the server, and a
 * statement's fixed cost (a socket write, parse/bind/execute, a round of protocol messages, the
 * driver's and drizzle's per-statement work) was most of a token fetch's cost. Under load many
 * fetches arrive in one turn; one statement answers them all. A lone request waits for nothing
 * but the end of its own turn (`setImmediate`), so latency at concurrency 1 is unchanged.
 *
 * A failed statement fails every caller of its batch with the same error (each request then
 * answers with its own envelope). Batches are per database handle; at most MAX_KEYS keys per
 * statement.
 */
import type { Db } from "./index";

export const MAX_KEYS = 256;

export type BatchLookup<K, R> = (db: Db, key: K) => Promise<R[]>;

type Pending<K, R> = { key: K; resolve: (rows: R[]) => void; reject: (err: unknown) => void };

/**
 * `run(db, keys)` answers many keys in one statement: each returned item names the index of the
 * key it belongs to (`i`), in the order the caller should see them.
 */
export function createBatchLookup<K, R>(run: (db: Db, keys: K[]) => Promise<{ i: number; row: R }[]>): BatchLookup<K, R> {
  const queued = new Map<Db, Pending<K, R>[]>();

  async function flush(db: Db, batch: Pending<K, R>[]): Promise<void> {
    let rows: { i: number; row: R }[];
    try {
      rows = await run(
        db,
        batch.map((p) => p.key),
      );
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    const byIndex: R[][] = batch.map(() => []);
    for (const { i, row } of rows) byIndex[i]?.push(row);
    batch.forEach((p, i) => p.resolve(byIndex[i] ?? []));
  }

  return (db, key) =>
    new Promise<R[]>((resolve, reject) => {
      let batch = queued.get(db);
      if (!batch) {
        const fresh: Pending<K, R>[] = [];
        batch = fresh;
        queued.set(db, fresh);
        setImmediate(() => {
          if (queued.get(db) === fresh) queued.delete(db);
          for (let at = 0; at < fresh.length; at += MAX_KEYS) void flush(db, fresh.slice(at, at + MAX_KEYS));
        });
      }
      batch.push({ key, resolve, reject });
    });
}
