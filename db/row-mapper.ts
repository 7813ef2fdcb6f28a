/**
 * A compiled row mapper for the hot paths' prepared selects: the same objects drizzle's
 * `mapResultRow` builds, with a fraction of the work and garbage.
 *
 * Why: drizzle maps every row column by column through a generic loop (an iterator and an entry
 * array per column, `is()` checks walking prototype chains, a null-tracking map per row). For the
 * 25-column connection row of each token fetch that was the largest single source of garbage in
 * npm start's front thread: 12 % of all it allocated under the floor bench's load (a sampling
 * heap profile), and young garbage is what its scavenges cost (README, Performance).
 *
 * Here the selection is read once, when the statement is prepared: each column's path, its
 * decoder (the column's own `mapFromDriverValue`, exactly what drizzle calls) and, for a joined
 * table's columns, the table whose absence on a left join makes the object `null`, by drizzle's
 * own rule (the object's first table column is null, all its table columns belong to that one
 * table, and the joins may leave it out). The mapper is installed as the prepared query's
 * `customResultMapper`, the hook drizzle's relational queries use, on postgres.js and PGlite
 * alike. A selection it does not know how to mirror (a path deeper than two) keeps drizzle's own
 * mapping.
 */
import { Column, getTableName, is, SQL, type DriverValueDecoder } from "drizzle-orm";

type Field = { path: string[]; field: unknown };
/** What drizzle's prepared queries (postgres.js, PGlite) hold; not part of its public types. */
type PreparedInternals = { fields?: Field[]; joinsNotNullableMap?: Record<string, boolean>; customResultMapper?: (rows: unknown[][]) => unknown };

type Decoder = DriverValueDecoder<unknown, unknown>;
type Leaf = { key: string; index: number; decoder: Decoder };
/** `nullWhen`: the key of the object's first table column, when a null there makes the whole object null (see compile). */
type Group = { key: string; leaves: Leaf[]; nullWhen?: string };

function decoderOf(field: unknown): Decoder | undefined {
  if (is(field, Column)) return field;
  // An SQL field's decoder (its `mapWith`) is internal to drizzle's types, not to its objects.
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  if (is(field, SQL.Aliased)) return (field.sql as unknown as { decoder: Decoder }).decoder;
  return undefined;
}

/** The parts of a selection, or undefined where drizzle's own mapping must stay. */
function compile(fields: Field[], joins: Record<string, boolean> | undefined): (Group | Leaf)[] | undefined {
  const out: (Group | Leaf)[] = [];
  const groups = new Map<string, { group: Group; tables: Set<string>; first?: { key: string; table: string } }>();
  for (const [index, { path, field }] of fields.entries()) {
    const decoder = decoderOf(field);
    const [key, inner] = path;
    if (!decoder || key === undefined || path.length > 2) return undefined;
    if (inner === undefined) {
      out.push({ key, index, decoder });
      continue;
    }
    let entry = groups.get(key);
    if (!entry) {
      entry = { group: { key, leaves: [] }, tables: new Set() };
      groups.set(key, entry);
      out.push(entry.group);
    }
    entry.group.leaves.push({ key: inner, index, decoder });
    if (is(field, Column)) {
      const table = getTableName(field.table);
      entry.first ??= { key: inner, table };
      entry.tables.add(table);
    }
  }
  // drizzle's rule: a nested object is null when its first table column is null, all its table
  // columns are of that one table, and the joins may leave that table out.
  if (joins) for (const { group, tables, first } of groups.values()) if (first && tables.size === 1 && !joins[first.table]) group.nullWhen = first.key;
  return out;
}

function mapperOf(parts: (Group | Leaf)[]): (rows: unknown[][]) => Record<string, unknown>[] {
  const mapRow = (row: unknown[]): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (const part of parts) {
      if (!("leaves" in part)) {
        const raw = row[part.index];
        result[part.key] = raw === null ? null : part.decoder.mapFromDriverValue(raw);
        continue;
      }
      const object: Record<string, unknown> = {};
      for (const leaf of part.leaves) {
        const raw = row[leaf.index];
        object[leaf.key] = raw === null ? null : leaf.decoder.mapFromDriverValue(raw);
      }
      result[part.key] = part.nullWhen !== undefined && object[part.nullWhen] === null ? null : object;
    }
    return result;
  };
  return (rows) => rows.map(mapRow);
}

/** Install the compiled mapper on a drizzle prepared select (in place); returns it. */
export function withCompiledRows<Q>(prepared: Q): Q {
  const internals = prepared as PreparedInternals;
  if (!internals.fields || internals.customResultMapper) return prepared;
  const parts = compile(internals.fields, internals.joinsNotNullableMap);
  if (parts) internals.customResultMapper = mapperOf(parts);
  return prepared;
}
