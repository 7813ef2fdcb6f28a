/**
 * One process per PGlite folder. PGlite itself does not lock: two processes on one folder
 * each believe they own it and a share of the writes is lost. The lock file holds the pid;
 * a lock left by a dead process is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export class DatabaseLockedError extends Error {
  override name = "DatabaseLockedError";
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireFolderLock(dir: string): () => void {
  const file = path.join(dir, "akhrot.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          if (readFileSync(file, "utf8") === String(process.pid)) rmSync(file);
        } catch {
          // already gone
        }
      };
      process.on("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number.parseInt(readFileSync(file, "utf8"), 10);
      if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
        throw new DatabaseLockedError(
          `The embedded database at ${dir} is in use by another Akhrot process (pid ${owner}). ` +
            "PGlite allows one process per folder: stop that process, set PGLITE_DIR to another folder, or set DATABASE_URL to use Postgres.",
        );
      }
      rmSync(file, { force: true }); // stale lock from a process that died
    }
  }
  throw new DatabaseLockedError(`Could not lock the embedded database at ${dir}.`);
}
