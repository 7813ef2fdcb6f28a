/**
 * call_provider_api / read_provider_api against a local HTTP server standing in for OpenAI
 * (APIKEY_OPENAI_BASE_URL points the provider at it): the stored key goes in the provider's
 * auth header and never comes back (echoes scrubbed), only the provider's host is reachable,
 * a redirect to a private address or another host is refused (and never reached), responses
 * are capped with a truncation flag, and every call is audited.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { CallToolResult, Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditEvents } from "@/db/schema";
import { flushWrites } from "@/db/write-batcher";
import { saveApiKeyConnection } from "@/lib/connections/save-api-key-connection";
import { resetEnvCache } from "@/lib/env";
import { getProvider } from "@/lib/providers";
import { makeKey, makeUser, testDb } from "@/lib/testing/fixtures";
import { mcpClient } from "@/lib/testing/mcp-client";

const CANARY_KEY = "sk-proj-CANARYproxy0123456789abcdefXYZ";
let db: Db;
type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
const seen: Seen[] = [];
const strayHits: string[] = [];
let provider: http.Server;
let stray: http.Server;
let base = "";
let strayBase = "";

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  db = await testDb();
  stray = http.createServer((req, res) => {
    strayHits.push(req.url ?? "");
    res.end("stolen");
  });
  strayBase = await listen(stray);
  provider = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() });
      const json = (status: number, value: unknown, extra: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", "set-cookie": "session=provider-cookie", "x-ratelimit-remaining": "41", ...extra });
        res.end(JSON.stringify(value));
      };
      if (req.url?.startsWith("/v1/models")) return json(200, { data: [{ id: "gpt-test" }], youSent: req.headers.authorization });
      if (req.url === "/v1/echo") return json(201, { method: req.method, contentType: req.headers["content-type"], body: Buffer.concat(chunks).toString() });
      if (req.url === "/v1/big") {
        res.writeHead(200, { "content-type": "text/plain" });
        return res.end("x".repeat(150 * 1024));
      }
      if (req.url === "/v1/redirect-private") {
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
        return res.end();
      }
      if (req.url === "/v1/redirect-other-host") {
        res.writeHead(307, { location: `${strayBase}/steal` });
        return res.end();
      }
      if (req.url === "/v1/redirect-same-host") {
        res.writeHead(302, { location: "/v1/models?via=redirect" });
        return res.end();
      }
      return json(404, { error: { message: "no such route" } });
    });
  });
  base = await listen(provider);
  process.env.APIKEY_OPENAI_BASE_URL = `${base}/v1`;
  resetEnvCache();
});

afterAll(async () => {
  delete process.env.APIKEY_OPENAI_BASE_URL;
  resetEnvCache();
  await new Promise((r) => provider?.close(r));
  await new Promise((r) => stray?.close(r));
});

async function agentWithOpenAI(opts: { providers?: string[] } = {}) {
  const user = await makeUser(db);
  const openai = getProvider("openai");
  if (openai?.authType !== "api_key") throw new Error("catalog lacks openai");
  const saved = await saveApiKeyConnection(db, { userId: user.id, provider: openai, values: { apiKey: CANARY_KEY } });
  if (!saved.ok) throw new Error("fixture: could not save the OpenAI key");
  const { key } = await makeKey(db, user.id, { providers: opts.providers });
  return { key, userId: user.id };
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

type ProxyAnswer = { status: number; headers: Record<string, string>; body: unknown; truncated: boolean; url: string };

describe("call_provider_api", () => {
  it("calls the provider with the stored key (no opt-in needed) and returns status, safe headers and body, the key scrubbed", async () => {
    const a = await agentWithOpenAI();
    const client = await mcpClient(a.key, { era: "modern" });
    const before = seen.length;
    const r = await call(client, "read_provider_api", { provider: "openai", path: "/models", query: { limit: "2" } });
    expect(r.isError).toBeFalsy();
    const answer = r.structuredContent as ProxyAnswer;
    expect(answer.status).toBe(200);
    expect(answer.url).toBe(`${base}/v1/models?limit=2`);
    expect(answer.body).toEqual({ data: [{ id: "gpt-test" }], youSent: "Bearer [redacted]" });
    expect(answer.headers["x-ratelimit-remaining"]).toBe("41");
    expect(answer.headers["set-cookie"]).toBeUndefined();
    const request = seen[before];
    expect(request?.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
    expect(request?.url).toBe("/v1/models?limit=2");
    expect(JSON.stringify(r)).not.toContain(CANARY_KEY);
    expect((await client.listTools()).tools.find((t) => t.name === "read_provider_api")?.annotations).toMatchObject({ readOnlyHint: true });
    expect((await client.listTools()).tools.find((t) => t.name === "call_provider_api")?.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
  });

  it("sends JSON bodies, returns the provider's error status as data, and refuses headers outside the allow-list", async () => {
    const a = await agentWithOpenAI();
    const client = await mcpClient(a.key);
    const posted = await call(client, "call_provider_api", { provider: "openai", method: "POST", path: "/echo", body: { hello: "world" } });
    expect(posted.structuredContent).toMatchObject({ status: 201, body: { method: "POST", contentType: "application/json", body: '{"hello":"world"}' } });
    const missing = await call(client, "call_provider_api", { provider: "openai", method: "DELETE", path: "/nothing" });
    expect(missing.isError).toBeFalsy();
    expect(missing.structuredContent).toMatchObject({ status: 404, body: { error: { message: "no such route" } } });
    const header = await call(client, "call_provider_api", { provider: "openai", method: "GET", path: "/models", headers: { Authorization: "Bearer mine" } });
    expect(header.isError).toBe(true);
    expect(JSON.stringify(header)).toMatch(/INVALID_REQUEST: Header \\"Authorization\\" may not be set/);
  });

  it("caps the body at 100 KB and says it was truncated", async () => {
    const a = await agentWithOpenAI();
    const client = await mcpClient(a.key);
    const answer = (await call(client, "read_provider_api", { provider: "openai", path: "/big" })).structuredContent as ProxyAnswer & { bytes: number };
    expect(answer.truncated).toBe(true);
    expect(String(answer.body).length).toBe(100 * 1024);
  });

  it("refuses a redirect to a private address or another host (never reached), follows one on the same host", async () => {
    const a = await agentWithOpenAI();
    const client = await mcpClient(a.key);
    const toPrivate = await call(client, "read_provider_api", { provider: "openai", path: "/redirect-private" });
    expect(toPrivate.isError).toBe(true);
    expect(JSON.stringify(toPrivate.content)).toContain("169.254.169.254 is not an allowed host");
    const toOther = await call(client, "read_provider_api", { provider: "openai", path: "/redirect-other-host" });
    expect(toOther.isError).toBe(true);
    expect(strayHits).toEqual([]);
    const same = (await call(client, "read_provider_api", { provider: "openai", path: "/redirect-same-host" })).structuredContent as ProxyAnswer;
    expect(same.status).toBe(200);
    expect(seen.at(-1)?.url).toBe("/v1/models?via=redirect");
  });

  it("only the provider's API host: absolute URLs elsewhere, protocol-relative paths and the allow-list are refused; every call audited", async () => {
    const a = await agentWithOpenAI();
    const client = await mcpClient(a.key, { headers: { "user-agent": "proxy-test/1" } });
    const before = seen.length;
    for (const path of ["https://evil.example/v1/models", `${strayBase}/steal`, "//evil.example/x", "models"]) {
      const r = await call(client, "read_provider_api", { provider: "openai", path });
      expect(r.isError, path).toBe(true);
      expect(JSON.stringify(r.content)).toContain("INVALID_REQUEST");
    }
    expect(seen.length).toBe(before);
    expect(strayHits).toEqual([]);
    const telegram = await call(client, "read_provider_api", { provider: "telegram", path: "/x" });
    expect(JSON.stringify(telegram.content)).toContain("Telegram has no HTTP API to proxy");

    const narrow = await agentWithOpenAI({ providers: ["github"] });
    const narrowClient = await mcpClient(narrow.key);
    expect(JSON.stringify((await call(narrowClient, "read_provider_api", { provider: "openai", path: "/models" })).content)).toContain("FORBIDDEN");

    await call(client, "call_provider_api", { provider: "openai", method: "POST", path: "/echo", body: "plain" });
    await flushWrites();
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.userId, a.userId));
    const proxied = rows.filter((r) => r.action === "mcp.call" && r.detail.tool === "call_provider_api");
    expect(proxied.map((r) => r.detail)).toEqual([expect.objectContaining({ channel: "mcp", client: "proxy-test/1", method: "POST", host: new URL(base).host, status: 201 })]);
    expect(JSON.stringify(rows)).not.toContain(CANARY_KEY);
  });
});
