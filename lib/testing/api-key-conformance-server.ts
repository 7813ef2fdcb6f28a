/**
 * A local API-key provider built from a conformance fixture: it answers the documented success
 * only to the documented request (method, path, exact auth header, required headers, body) and
 * the documented refusal to anything else. For HTTP Digest (MongoDB Atlas) it plays the server
 * side of RFC 7616 independently of the client: a 401 challenge, then a recomputed MD5 check.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApiKeyFixture } from "@/lib/providers/conformance/fixture-types";

export type ApiKeyServer = { base: string; problems: string[]; requests: number; stop(): Promise<void> };

const md5 = (s: string) => createHash("md5").update(s).digest("hex");

function digestParams(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^Digest\s+/i, "").matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) if (m[1]) out[m[1]] = m[2] ?? m[3] ?? "";
  return out;
}

export async function startApiKeyServer(fx: ApiKeyFixture): Promise<ApiKeyServer> {
  const realm = "MMS Public API";
  const nonces = new Set<string>();
  const state: ApiKeyServer = { base: "", problems: [], requests: 0, stop: () => new Promise((r) => server.close(() => r())) };

  function answer(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json", ...extra }).end(text);
  }

  function digestOk(req: IncomingMessage, path: string): boolean {
    const d = fx.expect.digest;
    if (!d) return true;
    const p = digestParams(String(req.headers.authorization ?? ""));
    if (!/^Digest /i.test(String(req.headers.authorization ?? "")) || !p.nonce || !nonces.has(p.nonce)) return false;
    const ha1 = md5(`${d.username}:${realm}:${d.password}`);
    const ha2 = md5(`${req.method}:${path}`);
    const expected = md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
    return p.username === d.username && p.realm === realm && p.uri === path && p.qop === "auth" && p.response === expected;
  }

  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      state.requests++;
      const path = req.url ?? "/";
      const e = fx.expect;
      const wrong: string[] = [];
      if (req.method !== e.method) wrong.push(`method ${req.method} (expected ${e.method})`);
      if (path !== e.path) wrong.push(`path ${path} (expected ${e.path})`);
      for (const [k, v] of Object.entries(e.headers ?? {})) {
        const got = String(req.headers[k] ?? "");
        if (typeof v === "string" ? got !== v : !v.test(got)) wrong.push(`header ${k}`);
      }
      if (e.body && !e.body.test(body)) wrong.push("body");
      if (e.digest && !digestOk(req, path)) {
        const nonce = randomBytes(16).toString("hex");
        nonces.add(nonce);
        if (req.headers.authorization) state.problems.push("digest response did not verify");
        return answer(res, 401, fx.refused.body, { "www-authenticate": `Digest realm="${realm}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=false` });
      }
      if (wrong.length > 0) {
        state.problems.push(wrong.join(", "));
        return answer(res, fx.refused.status, fx.refused.body);
      }
      return answer(res, fx.ok.status, fx.ok.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
