import type { NextConfig } from "next";
import { env } from "./lib/env";

// Validate configuration at build and start: a bad or missing production secret fails here.
const { NODE_ENV } = env();
const production = NODE_ENV === "production";

// Next's App Router inlines its bootstrap scripts, hence 'unsafe-inline' (nonces would force a
// per-request proxy). No form-action: Chrome applies it to the redirect after a form POST,
// and the connect form's POST answers with a redirect to the provider.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

const common = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and WASM modules are loaded by Node at run time, never bundled; this also keeps
  // one module instance per process, so the database handle cached on globalThis is shared.
  serverExternalPackages: ["@electric-sql/pglite", "argon2", "postgres", "ioredis", "oidc-provider", "telegram"],
  typedRoutes: false,
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
