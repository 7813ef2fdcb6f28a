/**
 * A local OAuth 2 / OIDC provider for manual testing and Playwright (lib/testing/oidc-server.ts):
 *
 *   npx tsx scripts/oidc-server.ts --port 4455 --redirect http://localhost:3210/oauth/callback/google
 *
 * prints the OAUTH_GOOGLE_* lines an Akhrot instance needs to use it as the `google` provider and
 * runs until SIGTERM / SIGINT. Log in with any login and password on its forms.
 *
 * Options: --port N (default 4455; 0 = random), --redirect URI (repeatable, required),
 * --client-id ID, --client-secret S, --access-ttl SECONDS (default 60),
 * --scope S (repeatable: extra scopes to accept and grant), --provider NAME (env prefix, default google).
 */
import { parseArgs } from "node:util";
import { getProvider } from "@/lib/providers";
import { DEFAULT_TEST_CLIENT_ID, DEFAULT_TEST_CLIENT_SECRET, startOidcServer } from "@/lib/testing/oidc-server";

function integerOption(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer >= ${min}, got ${value}`);
  return parsed;
}

function catalogScopes(code: string): string[] {
  const provider = getProvider(code);
  return provider?.authType === "oauth2" ? [...provider.oauth.scopes] : [];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      port: { type: "string" },
      redirect: { type: "string", multiple: true },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      "access-ttl": { type: "string" },
      scope: { type: "string", multiple: true },
      provider: { type: "string" },
    },
    strict: true,
  });
  const redirectUris = values.redirect ?? [];
  if (redirectUris.length === 0) throw new Error("at least one --redirect URI is required");

  const server = await startOidcServer({
    port: integerOption("port", values.port, 4455, 0),
    accessTokenTtl: integerOption("access-ttl", values["access-ttl"], 60, 1),
    clientId: values["client-id"] ?? DEFAULT_TEST_CLIENT_ID,
    clientSecret: values["client-secret"] ?? DEFAULT_TEST_CLIENT_SECRET,
    redirectUris,
    // The played provider's catalog scopes are accepted too, so grants look like the real thing.
    scopes: [...(values.scope ?? []), ...catalogScopes(values.provider ?? "google")],
  });

  const prefix = `OAUTH_${(values.provider ?? "google").toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
  const lines = [
    `${prefix}_CLIENT_ID=${server.clientId}`,
    `${prefix}_CLIENT_SECRET=${server.clientSecret}`,
    `${prefix}_AUTHORIZATION_URL=${server.urls.authorization}`,
    `${prefix}_TOKEN_URL=${server.urls.token}`,
    `${prefix}_USERINFO_URL=${server.urls.userinfo}`,
    `${prefix}_REVOKE_URL=${server.urls.revocation}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  process.stderr.write(`oidc test server listening at ${server.issuer} (redirect URIs: ${redirectUris.join(", ")})\n`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`oidc test server: ${signal}, stopping\n`);
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`oidc-server: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
