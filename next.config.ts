import type { NextConfig } from "next";
import { env } from "./lib/env";
import { securityHeaders } from "./lib/server/security-headers";

// Validate configuration at build and start: a bad or missing production secret fails here.
const { NODE_ENV } = env();
const production = NODE_ENV === "production";

const common = securityHeaders(production);

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and WASM modules are loaded by Node at run time, never bundled; this also keeps
  // one module instance per process, so the database handle cached on globalThis is shared.
  serverExternalPackages: ["@electric-sql/pglite", "argon2", "postgres", "ioredis", "oidc-provider", "telegram", "pino", "prom-client"],
  typedRoutes: false,
  // The dev-tools badge sits bottom-left by default, on top of the sidebar's Sign out button.
  devIndicators: { position: "bottom-right" },
  async headers() {
    return [
      { source: "/:path*", headers: common },
      // Pages that carry a connect session id or an authorization code never leak them in a Referer.
      { source: "/connect/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
      { source: "/oauth/callback/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

export default nextConfig;
