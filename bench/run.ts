// npm run bench -- <name>: runs bench/<name>.ts
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const name = process.argv[2];
const file = name ? path.join("bench", `${name}.ts`) : "";
if (!name || !existsSync(file) || name === "run") {
  const names = readdirSync("bench").filter((f) => f.endsWith(".ts") && f !== "run.ts").map((f) => f.slice(0, -3));
  console.error(`usage: npm run bench -- <${names.join("|")}>`);
  process.exit(2);
}
process.exit(spawnSync("npx", ["tsx", file, ...process.argv.slice(3)], { stdio: "inherit" }).status ?? 1);
