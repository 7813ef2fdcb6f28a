/**
 * The Node.js that Vercel runs Akhrot's route handlers on, for the floor bench's "as on Vercel"
 * leg. Vercel's default is the newest LTS major it offers (24.x in its docs, "Supported Node.js
 * versions"; 20.x deprecated there since 2026-10-01), and package.json's `engines` range
 * (`^20.15.0 || >=22.2.0`) maps to that default, not to 20. When this machine already runs that
 * major, its own node is used; otherwise the official build is installed once from the npm
 * registry (`node-<platform>-<arch>`, the binary package the `node` package itself installs)
 * under node_modules/.cache, outside the project's dependencies.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const VERCEL_NODE_MAJOR = 24;

export type VercelNode = { bin: string; version: string } | { skipped: string };

export function vercelNode(): VercelNode {
  if (process.env.BENCH_VERCEL_NODE === "off") return { skipped: "BENCH_VERCEL_NODE=off" };
  if (process.env.BENCH_VERCEL_NODE) return { bin: process.env.BENCH_VERCEL_NODE, version: versionOf(process.env.BENCH_VERCEL_NODE) };
  if (Number(process.versions.node.split(".")[0]) === VERCEL_NODE_MAJOR) return { bin: process.execPath, version: process.version };
  const pkg = `node-${process.platform === "win32" ? "win" : process.platform}-${process.arch}`;
  const dir = join(process.cwd(), "node_modules", ".cache", `akhrot-bench-node-${VERCEL_NODE_MAJOR}`);
  const bin = join(dir, "node_modules", pkg, "bin", process.platform === "win32" ? "node.exe" : "node");
  try {
    if (!existsSync(bin)) {
      console.log(`installing Node ${VERCEL_NODE_MAJOR} (${pkg}) for the "as on Vercel" leg …`);
      execFileSync("npm", ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", `${pkg}@${VERCEL_NODE_MAJOR}`], { stdio: "inherit" });
    }
    return { bin, version: versionOf(bin) };
  } catch (err) {
    return { skipped: `could not install Node ${VERCEL_NODE_MAJOR}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}` };
  }
}

function versionOf(bin: string): string {
  return execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
}
