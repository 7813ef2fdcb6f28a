/**
 * End-to-end tests in the system Chromium (never `npx playwright install`) against a
 * production server (`npm start`'s scripts/serve.ts: Next plus the /tokens/fetch fast path;
 * build first with `npm run build`). The server gets its
 * own PGlite folder, wiped and migrated in its start command, because Playwright starts
 * webServer before globalSetup.
 */
import { defineConfig, devices } from "@playwright/test";
import { TEST_AUTH_SECRET, TEST_ENCRYPTION_KEY } from "./e2e/test-secrets";

// E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;
// A real OAuth server (oidc-provider, scripts/oidc-server.ts) plays `google` for the connect tests.
const OIDC_PORT = PORT + 1000;
const OIDC = `http://127.0.0.1:${OIDC_PORT}`;
// One folder per port, so two suites side by side never wipe each other.
const PGLITE_DIR = `.data/e2e-pglite-${PORT}`;


export default defineConfig({
  testDir: "./e2e",
  outputDir: "test-results/e2e-output",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: BASE_URL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    video: "off",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: [
    {
      command: `npx tsx scripts/oidc-server.ts --port ${OIDC_PORT} --redirect ${BASE_URL}/oauth/callback/google`,
      url: `${OIDC}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `rm -rf ${PGLITE_DIR} && PGLITE_DIR=${PGLITE_DIR} npx tsx scripts/migrate.ts && PGLITE_DIR=${PGLITE_DIR} npx tsx scripts/serve.ts -p ${PORT}`,
      url: `${BASE_URL}/sign-in`,
      reuseExistingServer: false,
      timeout: 240_000, // a loaded 2-core machine can take over 2 minutes to start next
      stdout: "pipe",
      stderr: "pipe",
      env: {
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_SECRET: TEST_AUTH_SECRET,
        AKHROT_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        APP_URL: BASE_URL,
        // The suite signs up through the UI: production defaults to invitation-only sign-up.
        // No SMTP_URL, so accounts need no e-mail confirmation (README: "Sign-in, e-mail and sign-up").
        AKHROT_SIGNUP: "open",
        // Every test signs up and in from 127.0.0.1: per-IP limits sized for one office would trip.
        AKHROT_SIGNIN_PER_IP: "1000",
        AKHROT_SIGNUP_PER_IP: "1000",
        RATE_LIMIT_PUBLIC_PER_MINUTE: "1000",
        RATE_LIMIT_KEY_FAILURES_PER_MINUTE: "1000",
        // The webhook spec's receiver listens on 127.0.0.1 in the test process.
        WEBHOOK_ALLOW_PRIVATE_URLS: "true",
        // Always the server's own embedded database, even when the caller's shell points at Postgres.
        DATABASE_URL: "",
        OAUTH_GOOGLE_CLIENT_ID: "akhrot-test-client",
        OAUTH_GOOGLE_CLIENT_SECRET: "akhrot-test-client-secret",
        OAUTH_GOOGLE_AUTHORIZATION_URL: `${OIDC}/auth`,
        OAUTH_GOOGLE_TOKEN_URL: `${OIDC}/token`,
        OAUTH_GOOGLE_USERINFO_URL: `${OIDC}/me`,
        OAUTH_GOOGLE_REVOKE_URL: `${OIDC}/token/revocation`,
      },
    },
  ],
});
