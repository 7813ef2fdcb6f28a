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
 * A caller states only its SQL and its key's shape: `prepare(db)` builds the statement once per
 * database handle (building it per call cost more CPU than running it), reading the keys from
 * `batchKeys(columns)` and selecting `batchIndex()` as `i`; `encode(key)` gives a key's columns.
 * A failed statement fails every caller of its batch with the same error (each request then
 * answers with its own envelope). Batches are per database handle; at most MAX_KEYS keys per
 * statement. Rows are mapped by the compiled mapper of db/row-mapper.ts, not drizzle's generic one.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./index";
import { withCompiledRows } from "./row-mapper";

export const MAX_KEYS = 256;

export type BatchLookup<K, R> = (db: Db, key: K) => Promise<R[]>;

/** A prepared statement over `batchKeys`: each row names the index of the key it belongs to (`i`), in the order the caller should see them. */
export type BatchStatement<Row extends { i: number }> = { execute(values: { keys: string }): Promise<Row[]> };

/** The batch's keys as a table `q(i int, <columns>)`, e.g. `batchKeys("u text, p text")`. */
export function batchKeys(columns: string): SQL {
  return sql`jsonb_to_recordset(${sql.placeholder("keys")}::jsonb) as q(i int, ${sql.raw(columns)})`;
}

/** The index of the key a row answers: select it as `i`. */
export function batchIndex(): SQL<number> {
  return sql<number>`q.i`;
}

type Pending<K, R> = { key: K; resolve: (rows: R[]) => void; reject: (err: unknown) => void };

export function createBatchLookup<K, Row extends { i: number }>(
  prepare: (db: Db) => BatchStatement<Row>,
  encode: (key: K) => Record<string, unknown>,
): BatchLookup<K, Omit<Row, "i">> {
  type R = Omit<Row, "i">;
  const prepared = new WeakMap<Db, BatchStatement<Row>>();
  const queued = new Map<Db, Pending<K, R>[]>();

  async function flush(db: Db, batch: Pending<K, R>[]): Promise<void> {
    const byIndex: R[][] = batch.map(() => []);
    try {
      let statement = prepared.get(db);
      if (!statement) prepared.set(db, (statement = withCompiledRows(prepare(db))));
      const rows = await statement.execute({ keys: JSON.stringify(batch.map((p, i) => ({ i, ...encode(p.key) }))) });
      for (const { i, ...row } of rows) byIndex[Number(i)]?.push(row);
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
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
