import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireFolderLock, DatabaseLockedError } from "./pglite-lock";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), "akhrot-lock-"));
}

describe("PGlite folder lock", () => {
  it("refuses a second process on the same folder with a clear message", async () => {
    const dir = tmp();
    // A real second process that opens the embedded database and holds it.
    const child = spawn(process.execPath, ["--import", "tsx", "-e", "import('./db/index.ts').then(m=>m.getDb()).then(()=>{console.log('ready');setInterval(()=>{},1000)})"], {
      cwd: process.cwd(),
      env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      child.on("exit", (code) => reject(new Error(`child exited ${code}`)));
    });
    expect(() => acquireFolderLock(dir)).toThrow(DatabaseLockedError);
    expect(() => acquireFolderLock(dir)).toThrow(/in use by another Akhrot process \(pid \d+\).*PGLITE_DIR.*DATABASE_URL/);
  }, 60_000);

  it("takes over a lock left by a dead process, and releases its own", () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "akhrot.lock"), "999999999");
    const release = acquireFolderLock(dir);
    expect(existsSync(path.join(dir, "akhrot.lock"))).toBe(true);
    release();
    expect(existsSync(path.join(dir, "akhrot.lock"))).toBe(false);
  });
});
