import type { NextConfig } from "next";
import { env } from "./lib/env";

// Validate configuration at build and start: a bad or missing production secret fails here.
env();

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and WASM modules are loaded by Node at run time, never bundled; this also keeps
  // one module instance per process, so the database handle cached on globalThis is shared.
  serverExternalPackages: ["@electric-sql/pglite", "argon2", "postgres", "ioredis", "oidc-provider"],
  typedRoutes: false,
};

export default nextConfig;
