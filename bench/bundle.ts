/**
 * npm run bench -- bundle
 * First-load JavaScript per app route from the production build in .next (run `npm run build`
 * first): the root main chunks plus every chunk the route's layouts and page need, from each
 * route's client-reference manifest; sizes raw and gzipped (level 9). Goal for dashboard
 * routes: ≤ 150 KB gzip.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const NEXT = ".next";
const GOAL_KB = 150;

function manifests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...manifests(full));
    else if (entry === "page_client-reference-manifest.js") out.push(full);
  }
  return out;
}

function main() {
  if (!existsSync(path.join(NEXT, "build-manifest.json"))) {
    console.error("no production build: run `npm run build` first");
    process.exit(1);
  }
  const build = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const sizes = new Map<string, { raw: number; gz: number }>();
  const size = (file: string) => {
    let s = sizes.get(file);
    if (!s) {
      const buf = readFileSync(path.join(NEXT, file));
      s = { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
      sizes.set(file, s);
    }
    return s;
  };
  const rows: { route: string; raw: number; gz: number }[] = [];
  for (const file of manifests(path.join(NEXT, "server", "app"))) {
    const text = readFileSync(file, "utf8");
    const entry = /"entryJSFiles":(\{[^}]*\})/.exec(text)?.[1];
    if (!entry) continue;
    const chunks = new Set<string>(build.rootMainFiles);
    for (const list of Object.values(JSON.parse(entry) as Record<string, string[]>)) for (const c of list) chunks.add(c);
    const route = `/${path.relative(path.join(NEXT, "server", "app"), path.dirname(file))}`.replace(/\/$/, "") || "/";
    let raw = 0;
    let gz = 0;
    for (const c of chunks) {
      const s = size(c);
      raw += s.raw;
      gz += s.gz;
    }
    rows.push({ route: route === "/." ? "/" : route, raw, gz });
  }
  rows.sort((a, b) => a.route.localeCompare(b.route));
  for (const r of rows) {
    const flag = r.route.startsWith("/dashboard") ? (r.gz / 1024 <= GOAL_KB ? "  ok" : `  OVER ${GOAL_KB} KB`) : "";
    console.log(`${r.route.padEnd(42)} ${(r.gz / 1024).toFixed(1).padStart(7)} KB gzip  ${(r.raw / 1024).toFixed(1).padStart(8)} KB raw${flag}`);
  }
}

main();
