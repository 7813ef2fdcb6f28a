/**
 * A real OAuth 2 / OpenID Connect authorization server (oidc-provider v9) for tests and local
 * development: one confidential client, code + PKCE (S256) only, refresh tokens always issued
 * and rotated, a short access-token lifetime and no clock tolerance, so client bugs that lenient
 * defaults would hide show up. devInteractions' login/consent forms are the "human"
 * (see lib/testing/oidc-login.ts). A Koa middleware in front of oidc-provider counts requests
 * and injects token-endpoint faults.
 *
 * Test support only: configuration comes from parameters, never from process.env.
 */
import { generateKeyPairSync, randomBytes, type JsonWebKey } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type TokenEndpointFault = null | "down" | "hang" | "invalid_grant";

export type OidcServerOptions = {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Access-token lifetime in seconds (default 60). */
  accessTokenTtl?: number;
  clientId?: string;
  clientSecret?: string;
  redirectUris: string[];
  /** Extra scopes (beyond openid email profile offline_access) the server accepts and grants. */
  scopes?: string[];
};

export type OidcServerCounts = {
  /** Every POST to the token endpoint that reached the server (faulted ones included). */
  tokenRequests: number;
  refreshGrants: number;
  codeGrants: number;
  revocations: number;
  /** Userinfo requests, excluding the server's own accessTokenWorks() probes. */
  userinfo: number;
};

export type OidcServer = {
  issuer: string;
  urls: { authorization: string; token: string; userinfo: string; revocation: string; jwks: string };
  clientId: string;
  clientSecret: string;
  counts: OidcServerCounts;
  resetCounts(): void;
  /** Make the token endpoint misbehave: "down" → HTTP 503; "hang" → never answer (until stop); "invalid_grant" → 400 {"error":"invalid_grant"} for refresh grants; null → normal. */
  setTokenEndpointFault(fault: TokenEndpointFault): void;
  /** Introspect validity of an access token by calling userinfo with it: true when 200. */
  accessTokenWorks(token: string): Promise<boolean>;
  stop(): Promise<void>;
};

export const DEFAULT_TEST_CLIENT_ID = "akhrot-test-client";
export const DEFAULT_TEST_CLIENT_SECRET = "akhrot-test-client-secret";

const ROUTES = {
  authorization: "/auth",
  token: "/token",
  userinfo: "/me",
  revocation: "/token/revocation",
  jwks: "/jwks",
} as const;

const BASE_SCOPES = ["openid", "email", "profile", "offline_access"];
const MAX_TOKEN_BODY = 56 * 1024;
const DAY = 24 * 60 * 60;

// --- The slice of oidc-provider / Koa we use. The package ships no type declarations. ---

type KoaContext = {
  method: string;
  path: string;
  req: IncomingMessage;
  status: number;
  body: unknown;
  type: string;
  respond: boolean;
  set(field: string, value: string): void;
  get(field: string): string;
  /** Defined by oidc-provider on its routes; `body` is the parsed form body. */
  oidc?: { body?: Record<string, unknown> };
};
type Next = () => Promise<void>;
type ProviderInstance = {
  use(middleware: (ctx: KoaContext, next: Next) => Promise<void>): unknown;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  Client: { find(id: string): Promise<unknown> };
};
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

async function loadProvider(): Promise<ProviderConstructor> {
  // oidc-provider has no type declarations (TS7016 on a static import) and this file may not add a
  // .d.ts: a non-literal specifier keeps tsc from resolving it, and the shape is checked here.
  const specifier: string = "oidc-provider";
  const mod: unknown = await import(specifier);
  const ctor: unknown = typeof mod === "object" && mod !== null && "default" in mod ? mod.default : undefined;
  if (typeof ctor !== "function") throw new Error("oidc-provider: unexpected module shape (no default export)");
  return ctor as ProviderConstructor;
}

// One RSA signing key per process (id_tokens need one; generating it per server costs ~100 ms).
let signingJwk: JsonWebKey | undefined;
function getSigningJwk(): JsonWebKey {
  if (!signingJwk) {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    signingJwk = { ...privateKey.export({ format: "jwk" }), kid: "oidc-test-rs256", use: "sig", alg: "RS256" };
  }
  return signingJwk;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_TOKEN_BODY) throw new Error("token request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function zeroCounts(): OidcServerCounts {
  return { tokenRequests: 0, refreshGrants: 0, codeGrants: 0, revocations: 0, userinfo: 0 };
}

function createProvider(
  Provider: ProviderConstructor,
  issuer: string,
  settings: { clientId: string; clientSecret: string; redirectUris: string[]; scopes: string[]; accessTokenTtl: number },
): ProviderInstance {
  const { clientId, clientSecret, redirectUris, scopes, accessTokenTtl } = settings;
  return new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        // client_secret_post is accepted too: oidc-provider treats the two secret methods alike.
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [getSigningJwk()] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    routes: { ...ROUTES },
    scopes,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: `${id}@example.test`, email_verified: true, name: `Test User ${id}` }),
    }),
    pkce: { required: () => true },
    issueRefreshToken: async () => true,
    rotateRefreshToken: true,
    // Tokens outlive the provider's browser session, as with real providers.
    expiresWithSession: async () => false,
    clockTolerance: 0,
    // Clients must send redirect_uri even when only one is registered.
    allowOmittingSingleRegisteredRedirectUri: false,
    // Explicit lifetimes (seconds); only AccessToken is meant to run out during tests.
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 14 * DAY,
      Grant: 14 * DAY,
      RefreshToken: 14 * DAY,
    },
    // Plain-text error page: lib/testing/oidc-login.ts quotes it in its exceptions.
    renderError: async (ctx: KoaContext, out: Record<string, unknown>) => {
      ctx.type = "html";
      ctx.body = `<!DOCTYPE html><html><body><h1>oidc test server error</h1>${Object.entries(out)
        .map(([key, value]) => `<pre>${escapeHtml(key)}: ${escapeHtml(String(value))}</pre>`)
        .join("")}</body></html>`;
    },
    features: {
      devInteractions: { enabled: true },
      // A client may revoke its own tokens (oidc-provider's default rule, minus its notice).
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId?: string }) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
    },
  });
}

/** Registered when startOidcServer() is called without options. */
export const DEFAULT_TEST_REDIRECT_URI = "http://127.0.0.1/oauth/callback";

export async function startOidcServer(opts: OidcServerOptions = { redirectUris: [DEFAULT_TEST_REDIRECT_URI] }): Promise<OidcServer> {
  const accessTokenTtl = opts.accessTokenTtl ?? 60;
  const clientId = opts.clientId ?? DEFAULT_TEST_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? DEFAULT_TEST_CLIENT_SECRET;
  if (opts.redirectUris.length === 0) throw new Error("startOidcServer: redirectUris must not be empty");
  if (!Number.isInteger(accessTokenTtl) || accessTokenTtl < 1) throw new Error("startOidcServer: accessTokenTtl must be a positive integer (seconds)");
  const scopes = [...new Set([...BASE_SCOPES, ...(opts.scopes ?? [])])];

  const Provider = await loadProvider();

  const counts = zeroCounts();
  let fault: TokenEndpointFault = null;
  const probeSecret = randomBytes(16).toString("hex");
  const sockets = new Set<Socket>();
  const releaseHung = new Set<() => void>();

  // The issuer needs the port, so listen first and attach oidc-provider's handler afterwards.
  const server = createServer();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  let provider: ProviderInstance;
  try {
    provider = createProvider(Provider, issuer, { clientId, clientSecret, redirectUris: opts.redirectUris, scopes, accessTokenTtl });
    // Static clients are validated lazily; load ours now so bad metadata fails here, not mid-test.
    await provider.Client.find(clientId);
  } catch (err) {
    server.close();
    // oidc-provider errors carry the useful part in error_description.
    const description = typeof err === "object" && err !== null && "error_description" in err ? ` (${String(err.error_description)})` : "";
    throw new Error(`startOidcServer: oidc-provider rejected the configuration: ${err instanceof Error ? err.message : String(err)}${description}`, { cause: err });
  }

  provider.use(async (ctx, next) => {
    if (ctx.path === ROUTES.token && ctx.method === "POST") {
      counts.tokenRequests += 1;
      const countGrant = (grantType: unknown) => {
        if (grantType === "refresh_token") counts.refreshGrants += 1;
        else if (grantType === "authorization_code") counts.codeGrants += 1;
      };
      const activeFault = fault;
      if (activeFault === null) {
        // Normal path: oidc-provider parses the body itself; read the grant type afterwards.
        try {
          await next();
        } finally {
          countGrant(ctx.oidc?.body?.grant_type);
        }
        return;
      }
      const raw = await readBody(ctx.req);
      const grantType = new URLSearchParams(raw).get("grant_type");
      countGrant(grantType);
      ctx.set("cache-control", "no-store");
      if (activeFault === "down") {
        ctx.status = 503;
        ctx.type = "text/plain";
        ctx.body = "token endpoint unavailable (injected fault)";
        return;
      }
      if (activeFault === "hang") {
        ctx.respond = false;
        await new Promise<void>((resolve) => {
          const release = () => {
            releaseHung.delete(release);
            resolve();
          };
          releaseHung.add(release);
          ctx.req.socket.once("close", release);
        });
        return;
      }
      if (grantType === "refresh_token") {
        ctx.status = 400;
        // With a description, as real providers send: the agent and the dashboard quote it.
        ctx.body = { error: "invalid_grant", error_description: "Token has been expired or revoked." };
        return;
      }
      // invalid_grant fault, other grant: hand the already-read body to oidc-provider, which
      // uses `req.body` when the stream is consumed (it logs a one-time warning about it).
      (ctx.req as IncomingMessage & { body?: string }).body = raw;
      await next();
      return;
    }
    if (ctx.path === ROUTES.revocation && ctx.method === "POST") {
      counts.revocations += 1;
      // Google's revoke endpoint takes the token alone (the catalog's clientAuth "none"); oidc-provider
      // wants the client to authenticate, so a revocation without credentials counts as our client's.
      if (!ctx.req.headers.authorization) ctx.req.headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}`;
    } else if (ctx.path === ROUTES.userinfo && ctx.method !== "OPTIONS" && ctx.get("x-oidc-test-probe") !== probeSecret) counts.userinfo += 1;
    await next();
  });

  server.on("request", provider.callback());

  const urls = {
    authorization: `${issuer}${ROUTES.authorization}`,
    token: `${issuer}${ROUTES.token}`,
    userinfo: `${issuer}${ROUTES.userinfo}`,
    revocation: `${issuer}${ROUTES.revocation}`,
    jwks: `${issuer}${ROUTES.jwks}`,
  };

  let stopped: Promise<void> | undefined;

  return {
    issuer,
    urls,
    clientId,
    clientSecret,
    counts,
    resetCounts() {
      Object.assign(counts, zeroCounts());
    },
    setTokenEndpointFault(next) {
      fault = next;
    },
    async accessTokenWorks(token) {
      const res = await fetch(urls.userinfo, {
        headers: { authorization: `Bearer ${token}`, "x-oidc-test-probe": probeSecret },
      });
      await res.arrayBuffer();
      return res.status === 200;
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        for (const release of [...releaseHung]) release();
      });
      return stopped;
    },
  };
}

/** The env an Akhrot instance needs to use this server as the `google` provider (through the overrides). */
export function googleEnvFor(server: OidcServer): Record<string, string> {
  return {
    OAUTH_GOOGLE_CLIENT_ID: server.clientId,
    OAUTH_GOOGLE_CLIENT_SECRET: server.clientSecret,
    OAUTH_GOOGLE_AUTHORIZATION_URL: server.urls.authorization,
    OAUTH_GOOGLE_TOKEN_URL: server.urls.token,
    OAUTH_GOOGLE_USERINFO_URL: server.urls.userinfo,
    OAUTH_GOOGLE_REVOKE_URL: server.urls.revocation,
  };
}
