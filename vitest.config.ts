import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside React Server Components; route handlers are tested directly.
      "server-only": path.resolve(__dirname, "lib/testing/empty-module.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    setupFiles: ["lib/testing/setup-env.ts"],
    testTimeout: 30_000,
    // A fresh PGlite plus migrations per file: seconds when idle, over a minute on a loaded 2-core machine.
    hookTimeout: 180_000,
    // Each file gets its own in-memory PGlite (or its own rows on Postgres); two workers fit 2 cores.
    maxWorkers: 2,
    pool: "forks",
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses;
    // inlined, Vite resolves it.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
  },
});
