/**
 * A local OAuth provider built from a conformance fixture (lib/providers/conformance): it
 * answers the way the provider's documentation says and REFUSES anything else (wrong client
 * authentication, body format, missing PKCE, wrong revocation method or token), recording
 * every refusal so a test can print why a provider does not conform.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Issued, OAuthFixture } from "@/lib/providers/conformance/fixture-types";

export const CLIENT_ID = "cid";
export const CLIENT_SECRET = "csecret";

export type ConformanceServer = {
  base: string;
  /** Play the provider's authorize page: check the URL, return a code for the callback. */
  authorize(url: URL): string;
  current: Issued;
  counts: { codeGrants: number; refreshGrants: number; revocations: number };
  /** Why requests were refused (empty when everything conformed). */
  problems: string[];
  refuseRefresh: boolean;
  revoked: boolean;
  stop(): Promise<void>;
};

const basicOf = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const token = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => resolve(body));
  });
}

function parse(body: string, type: string | undefined): Record<string, string> | undefined {
  if (!body) return {};
  try {
    if (type?.includes("json")) return JSON.parse(body) as Record<string, string>;
    return Object.fromEntries(new URLSearchParams(body));
  } catch {
    return undefined;
  }
}

export async function startConformanceServer(code: string, fx: OAuthFixture): Promise<ConformanceServer> {
  const codes = new Map<string, { challenge?: string; redirectUri: string; scope: string }>();
  const state: ConformanceServer = {
    base: "",
    current: { access: "", refresh: "", scope: "" },
    counts: { codeGrants: 0, refreshGrants: 0, revocations: 0 },
    problems: [],
    refuseRefresh: false,
    revoked: false,
    authorize: (url) => {
      const p = url.searchParams;
      if (p.get("client_id") !== CLIENT_ID) state.problems.push("authorize: wrong client_id");
      if (p.get("response_type") !== "code") state.problems.push("authorize: response_type is not code");
      for (const [k, v] of Object.entries(fx.authorize.params ?? {})) if (p.get(k) !== v) state.problems.push(`authorize: ${k} should be ${v}`);
      let scope = "";
      if (fx.authorize.scopeParam !== "none") {
        const raw = p.get(fx.authorize.scopeParam) ?? "";
        const other = fx.authorize.separator === "," ? " " : ",";
        if (raw.includes(other)) state.problems.push(`authorize: scopes must be separated by "${fx.authorize.separator}"`);
        scope = raw.split(fx.authorize.separator).filter(Boolean).join(" ");
      }
      const challenge = p.get("code_challenge") ?? undefined;
      if (challenge && p.get("code_challenge_method") !== "S256") state.problems.push("authorize: code_challenge_method must be S256");
      if (!challenge && fx.token.pkce === "S256-required") state.problems.push("authorize: PKCE is required");
      if (challenge && fx.token.pkce === "none") state.problems.push("authorize: PKCE is not offered by this provider");
      const issued = token("code");
      codes.set(issued, { challenge, redirectUri: p.get("redirect_uri") ?? "", scope });
      return issued;
    },
    stop: () => new Promise((r) => server.close(() => r())),
  };
  const refuse = (res: import("node:http").ServerResponse, why: string, status = 400) => {
    state.problems.push(why);
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: "conformance", error_description: why }));
  };
  const send = (res: import("node:http").ServerResponse, status: number, body: unknown, form = false) => {
    if (body === undefined) return void res.writeHead(status).end();
    if (form && body && typeof body === "object") {
      const flat = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
      return void res.writeHead(status, { "content-type": "application/x-www-form-urlencoded" }).end(new URLSearchParams(flat).toString());
    }
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

  function clientAuthOk(req: IncomingMessage, fields: Record<string, string>, mode: "basic" | "body" | "client_id" | "none"): string | undefined {
    const basic = req.headers.authorization === basicOf(CLIENT_ID, CLIENT_SECRET);
    if (mode === "basic" && !basic) return "client authentication must be HTTP Basic";
    if (mode === "body" && (fields.client_id !== CLIENT_ID || fields.client_secret !== CLIENT_SECRET)) return "client_id and client_secret must be in the body";
    if (mode === "client_id" && fields.client_id !== CLIENT_ID) return "client_id must be in the body";
    return undefined;
  }

  async function tokenEndpoint(req: IncomingMessage, res: import("node:http").ServerResponse) {
    const t = fx.token;
    const raw = await readBody(req);
    const type = req.headers["content-type"];
    if (t.format === "json" ? !type?.includes("application/json") : !type?.includes("application/x-www-form-urlencoded")) return refuse(res, `token: body must be ${t.format}`);
    const fields = parse(raw, type);
    if (!fields) return refuse(res, "token: unreadable body");
    const authProblem = clientAuthOk(req, fields, t.clientAuth);
    if (authProblem) return refuse(res, `token: ${authProblem}`, 401);
    if (t.requireUserAgent && !t.requireUserAgent.test(String(req.headers["user-agent"]))) return refuse(res, "token: a descriptive User-Agent is required", 429);
    const form = t.answerFormat === "form-unless-accept-json" && !String(req.headers.accept).includes("application/json");
    if (fields.grant_type === "authorization_code") {
      const grant = codes.get(fields.code ?? "");
      codes.delete(fields.code ?? "");
      if (!grant) return send(res, 400, { error: "invalid_grant" });
      if (grant.redirectUri !== fields.redirect_uri) return refuse(res, "token: redirect_uri differs from the authorize request");
      if (grant.challenge) {
        const computed = createHash("sha256").update(fields.code_verifier ?? "").digest("base64url");
        if (computed !== grant.challenge) return refuse(res, "token: PKCE code_verifier does not match");
      }
      state.counts.codeGrants++;
      state.current = { access: token("at"), refresh: token("rt"), scope: grant.scope };
      return send(res, 200, t.answer(state.current), form);
    }
    if (fields.grant_type === "refresh_token") {
      state.counts.refreshGrants++;
      if (state.refuseRefresh || fields.refresh_token !== state.current.refresh) return send(res, t.refusal.status, t.refusal.body, form);
      state.current = { access: token("at"), refresh: t.rotates ? token("rt") : state.current.refresh, scope: state.current.scope };
      return send(res, 200, (t.refreshAnswer ?? t.answer)(state.current), form);
    }
    return refuse(res, `token: unsupported grant_type ${fields.grant_type}`);
  }

  async function identity(req: IncomingMessage, res: import("node:http").ServerResponse) {
    const id = fx.identity;
    const body = await readBody(req);
    if (id === "token-answer") return refuse(res, "identity: this provider has no identity endpoint", 404);
    if (req.headers.authorization !== `Bearer ${state.current.access}` || state.revoked) return send(res, 401, { error: "invalid_token" });
    if (req.method !== id.method) return refuse(res, `identity: must be ${id.method}`, 405);
    if (id.noBody && (body || req.headers["content-type"])) return refuse(res, "identity: takes no body and no Content-Type");
    for (const [k, v] of Object.entries(id.headers ?? {})) if (req.headers[k] !== v) return refuse(res, `identity: header ${k} is required`, 401);
    return send(res, 200, id.answer);
  }

  async function revoke(req: IncomingMessage, res: import("node:http").ServerResponse) {
    const r = fx.revocation;
    const raw = await readBody(req);
    if (!r) return refuse(res, "revoke: this provider has no revocation endpoint", 404);
    if (req.method !== r.method) return refuse(res, `revoke: must be ${r.method}`, 405);
    const fields = parse(raw, req.headers["content-type"]) ?? {};
    if (r.as === "json" && !String(req.headers["content-type"]).includes("json")) return refuse(res, "revoke: body must be JSON");
    if (r.as === "form" && !String(req.headers["content-type"]).includes("x-www-form-urlencoded")) return refuse(res, "revoke: body must be a form");
    const expected = r.token === "access" ? state.current.access : state.current.refresh;
    const sent = r.as === "bearer" ? String(req.headers.authorization).replace(/^Bearer /, "") : fields[r.param ?? "token"];
    if (r.as === "bearer" && raw) return refuse(res, "revoke: takes no arguments");
    if (sent !== expected) return refuse(res, `revoke: the ${r.token} token must be sent ${r.as === "bearer" ? "as Bearer" : `in \`${r.param}\``}`);
    const authProblem = clientAuthOk(req, fields, r.clientAuth);
    if (authProblem) return refuse(res, `revoke: ${authProblem}`, 401);
    for (const [k, pattern] of Object.entries(r.headers ?? {})) if (!pattern.test(String(req.headers[k] ?? ""))) return refuse(res, `revoke: header ${k} is required`);
    state.counts.revocations++;
    state.revoked = true;
    return send(res, r.status, r.status === 204 ? undefined : (r.body === undefined ? undefined : r.body));
  }

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const route =
      path === "/token" ? tokenEndpoint
      : path === "/me" ? identity
      : path === (fx.revocation?.path ?? "/revoke") ? revoke
      : path === "/oauth/token/accessible-resources" ? async (_q: IncomingMessage, s: import("node:http").ServerResponse) => send(s, 200, [{ id: "11223344-a1b2-3b33-c444-def123456789", url: "https://acme.atlassian.net", name: "acme" }])
      : undefined;
    if (!route) return refuse(res, `${code}: unexpected ${req.method} ${path}`, 404);
    route(req, res).catch((err: unknown) => refuse(res, `${code}: server error ${String(err)}`, 500));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
