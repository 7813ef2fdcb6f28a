/**
 * GET /readyz: is this instance able to serve? Each check is bounded in time and reports a
 * fixed, secret-free message (an error's name and code at most, never its text, which can
 * carry a connection string). The journal is imported, not read from disk, so the committed
 * list of migrations travels inside the bundle (Vercel functions have no repository).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import journal from "@/db/migrations/meta/_journal.json";
import { listAppliedMigrationStamps } from "@/db/queries/migrations";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { describeError, logError } from "@/lib/log";
import { pingLimiterBackend } from "@/lib/ratelimit";

export const CHECK_TIMEOUT_MS = 3_000;
/** Opening the database the first time (a PGlite folder, a TLS handshake) takes longer than a query. */
export const OPEN_TIMEOUT_MS = 15_000;

export type CheckName = "database" | "migrations" | "encryption" | "redis";
export type CheckResult = { ok: boolean; message: string };
export type Readiness = { status: "ready" | "unavailable"; failed: CheckName[]; checks: Record<CheckName, CheckResult> };

export type ReadinessDeps = { db: () => Promise<Db>; pingRedis?: () => Promise<string> };

function withTimeout<T>(work: Promise<T>, what: string, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not answer within ${ms} ms`), { name: "TimeoutError" })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function failure(where: CheckName, err: unknown, message: string): CheckResult {
  logError(`readyz.${where}`, err, {}, "warn");
  const { name, code } = describeError(err);
  return { ok: false, message: `${message} (${code ? `${name} ${code}` : name})` };
}

async function checkDatabase(db: Db): Promise<CheckResult> {
  await withTimeout(db.execute(sql`select 1`), "the database");
  return { ok: true, message: "reachable" };
}

async function checkMigrations(db: Db): Promise<CheckResult> {
  const committed = journal.entries.map((e) => ({ tag: e.tag, when: e.when }));
  let applied: Set<number>;
  try {
    applied = new Set(await withTimeout(listAppliedMigrationStamps(db), "the database"));
  } catch (err) {
    return failure("migrations", err, `0 of ${committed.length} migrations applied: run npm run db:migrate`);
  }
  const missing = committed.filter((e) => !applied.has(e.when));
  if (missing.length) {
    return { ok: false, message: `${committed.length - missing.length} of ${committed.length} migrations applied; missing ${missing.map((m) => m.tag).join(", ")}: run npm run db:migrate` };
  }
  return { ok: true, message: `${committed.length} of ${committed.length} migrations applied` };
}

function checkEncryption(): CheckResult {
  const probe = "akhrot-readiness-probe";
  if (decryptSecret(encryptSecret(probe, "readyz"), "readyz") !== probe) throw new Error("round trip mismatch");
  return { ok: true, message: "key loads" };
}

async function checkRedis(ping: () => Promise<string>): Promise<CheckResult> {
  const backend = await withTimeout(ping(), "Redis");
  return { ok: true, message: backend === "none" ? "not configured (in-process limiter)" : `${backend} reachable` };
}

export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const ping = deps.pingRedis ?? pingLimiterBackend;
  const dbCheck = (async () => {
    let db: Db;
    try {
      db = await withTimeout(deps.db(), "the database", OPEN_TIMEOUT_MS);
    } catch (err) {
      const down = failure("database", err, "unreachable");
      return { database: down, migrations: { ok: false, message: "not checked: the database is unreachable" } };
    }
    const database = await checkDatabase(db).catch((err: unknown) => failure("database", err, "unreachable"));
    const migrations = database.ok ? await checkMigrations(db) : { ok: false, message: "not checked: the database is unreachable" };
    return { database, migrations };
  })();
  const [{ database, migrations }, redis] = await Promise.all([dbCheck, checkRedis(ping).catch((err: unknown) => failure("redis", err, "configured but unreachable"))]);
  let encryption: CheckResult;
  try {
    encryption = checkEncryption();
  } catch (err) {
    encryption = failure("encryption", err, "the encryption key does not load: check AKHROT_ENCRYPTION_KEY");
  }
  const checks = { database, migrations, encryption, redis };
  const failed = (Object.keys(checks) as CheckName[]).filter((k) => !checks[k].ok);
  return { status: failed.length ? "unavailable" : "ready", failed, checks };
}
