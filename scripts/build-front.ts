/**
 * `npm run build`'s second step: npm start's front thread (lib/server/front-worker.ts) as one
 * ES module, .next/akhrot/front-worker.mjs. Bundled, the thread starts without a TypeScript
 * loader of its own (tsx would add a loader thread and its compiled copies: ~35 MB RSS) and
 * loads in one read. Packages stay external (resolved from node_modules, as everywhere else);
 * Next's request APIs are replaced by lib/server/front-no-next.ts, since the front serves no
 * Next request. esbuild reads tsconfig.json's `@/` paths itself.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { FRONT_BUNDLE } from "@/lib/server/front-thread";

export async function buildFront(root = process.cwd(), outfile = path.join(root, FRONT_BUNDLE)): Promise<string> {
  const noNext = path.join(root, "lib/server/front-no-next.ts");
  await build({
    absWorkingDir: root,
    entryPoints: ["lib/server/front-worker.ts"],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    alias: { "next/server": noNext, "next/headers": noNext, "next/navigation": noNext },
    logLevel: "warning",
  });
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const out = await buildFront();
  process.stdout.write(`front thread bundled: ${path.relative(process.cwd(), out)}\n`);
}
