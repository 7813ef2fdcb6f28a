import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getProvider } from "@/lib/providers";
import type { ClientConfig } from "./client-config";
import { revokeGrant } from "./revoke-grant";

/** A revocation endpoint that answers what the test queues and records what it received. */
let server: Server;
let base = "";
let answer = { status: 200, body: "" };
let seen: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string } | undefined;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      res.writeHead(answer.status, answer.body ? { "content-type": "application/json" } : {}).end(answer.body || undefined);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function cfg(code: string, path = "/revoke"): ClientConfig {
  const provider = getProvider(code);
  if (provider?.authType !== "oauth2") throw new Error(code);
  return { provider, clientId: "cid", clientSecret: "csecret", authorizationUrl: `${base}/a`, tokenUrl: `${base}/t`, refreshUrl: `${base}/t`, revokeUrl: `${base}${path}`, issuer: base, insecureLoopback: true };
}
const tokens = { accessToken: "AT", refreshToken: "RT" };
const basic = `Basic ${Buffer.from("cid:csecret").toString("base64")}`;

describe("revocation as each provider documents it", () => {
  it("dropbox: no body, the access token is the Bearer credential", async () => {
    answer = { status: 200, body: "null" };
    expect(await revokeGrant(cfg("dropbox"), tokens)).toBe("revoked");
    expect(seen).toMatchObject({ method: "POST", body: "" });
    expect(seen?.headers.authorization).toBe("Bearer AT");
    expect(seen?.headers["content-type"]).toBeUndefined();
  });

  it("linear: the refresh token in `refresh_token`, never a `token` field", async () => {
    answer = { status: 200, body: "" };
    expect(await revokeGrant(cfg("linear"), tokens)).toBe("revoked");
    expect(Object.fromEntries(new URLSearchParams(seen?.body))).toEqual({ refresh_token: "RT" });
    expect(await revokeGrant(cfg("linear"), { accessToken: "AT" })).toBe("revoked");
    expect(seen?.headers.authorization).toBe("Bearer AT");
  });

  it("twitch: the access token with client_id only; 400 Invalid token is a failure", async () => {
    answer = { status: 200, body: "" };
    expect(await revokeGrant(cfg("twitch"), tokens)).toBe("revoked");
    expect(Object.fromEntries(new URLSearchParams(seen?.body))).toEqual({ client_id: "cid", token: "AT" });
    answer = { status: 400, body: JSON.stringify({ status: 400, message: "Invalid token" }) };
    expect(await revokeGrant(cfg("twitch"), tokens)).toBe("failed");
  });

  it("reddit: a 204 No Content is a success (Basic auth, form token)", async () => {
    answer = { status: 204, body: "" };
    expect(await revokeGrant(cfg("reddit"), tokens)).toBe("revoked");
    expect(seen?.headers.authorization).toBe(basic);
    expect(new URLSearchParams(seen?.body).get("token")).toBe("RT");
  });

  it("notion: Basic auth, JSON access token, and the required Notion-Version header", async () => {
    answer = { status: 200, body: JSON.stringify({ request_id: "r" }) };
    expect(await revokeGrant(cfg("notion"), tokens)).toBe("revoked");
    expect(seen?.headers["notion-version"]).toBe("2025-09-03");
    expect(seen?.headers.authorization).toBe(basic);
    expect(JSON.parse(seen?.body ?? "{}")).toEqual({ token: "AT" });
  });

  it("slack: the access token authenticates auth.revoke; HTTP 200 ok:false is a failure", async () => {
    answer = { status: 200, body: JSON.stringify({ ok: true, revoked: true }) };
    expect(await revokeGrant(cfg("slack"), tokens)).toBe("revoked");
    expect(seen?.headers.authorization).toBe("Bearer AT");
    answer = { status: 200, body: JSON.stringify({ ok: false, error: "invalid_auth" }) };
    expect(await revokeGrant(cfg("slack"), tokens)).toBe("failed");
  });

  it("github: DELETE the grant with the access token; only 204 counts (404 is not a success)", async () => {
    answer = { status: 204, body: "" };
    expect(await revokeGrant(cfg("github", "/applications/{clientId}/grant"), tokens)).toBe("revoked");
    expect(seen).toMatchObject({ method: "DELETE", url: "/applications/cid/grant" });
    expect(JSON.parse(seen?.body ?? "{}")).toEqual({ access_token: "AT" });
    expect(seen?.headers.accept).toBe("application/vnd.github+json");
    answer = { status: 404, body: JSON.stringify({ message: "Not Found" }) };
    expect(await revokeGrant(cfg("github", "/applications/{clientId}/grant"), tokens)).toBe("failed");
  });

  it("google: RFC 7009 form token (the refresh token), no client secret sent", async () => {
    answer = { status: 200, body: "{}" };
    expect(await revokeGrant(cfg("google"), tokens)).toBe("revoked");
    expect(Object.fromEntries(new URLSearchParams(seen?.body))).toEqual({ token: "RT" });
  });

  it("a provider without revocation is 'unsupported'", async () => {
    const spotify = cfg("spotify");
    expect(await revokeGrant({ ...spotify, revokeUrl: undefined }, tokens)).toBe("unsupported");
  });
});
