/**
 * True when a write failed on a unique index (SQLSTATE 23505), from postgres.js or PGlite,
 * bare or wrapped by drizzle (which puts the driver's error in `cause`).
 */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
