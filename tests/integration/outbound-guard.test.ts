/**
 * S5 (SECURITY-REVIEW.md): SSRF through API-key verification, and the outbound guard
 * (lib/net/safe-fetch.ts) that closes it. Real sockets: a listener that counts every TCP
 * connection proves "refused before connecting"; a redirecting server and a canary prove
 * "never follows a redirect".
 */
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyApiKey } from "@/lib/connections/verify-api-key";
import { resetEnvCache } from "@/lib/env";
import { isPrivateAddress, OutboundRequestRefused, safeFetch } from "@/lib/net/safe-fetch";
import { getProvider, isApiKeyProvider, type ApiKeyProvider } from "@/lib/providers";
import { captureLogs } from "@/lib/testing/capture-logs";

let listener: TcpServer;
let connections = 0;
let canary: Server;
let canaryHits: string[] = [];
let redirector: Server;
const port = (s: Server | TcpServer) => (s.address() as AddressInfo).port;

beforeAll(async () => {
  listener = createTcpServer((socket) => {
    connections++;
    socket.destroy();
  });
  canary = createHttpServer((req, res) => {
    canaryHits.push(`${req.method} ${req.url} apikey=${String(req.headers.apikey)}`);
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  redirector = createHttpServer((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${port(canary)}/canary` }).end());
  for (const s of [listener, canary, redirector]) await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  for (const s of [listener, canary, redirector]) await new Promise((r) => s.close(r));
});
afterEach(() => {
  for (const k of ["AKHROT_VERIFY_ALLOWED_HOSTS", "AKHROT_OUTBOUND_ALLOW_PRIVATE", "APIKEY_OPENAI_BASE_URL", "APIKEY_SUPABASE_BASE_URL"]) delete process.env[k];
  resetEnvCache();
  canaryHits = [];
  connections = 0;
});

function provider(code: string): ApiKeyProvider {
  const p = getProvider(code);
  if (!p || !isApiKeyProvider(p)) throw new Error(`catalog: ${code}`);
  return p;
}

const SUPABASE_KEY = "sb_secret_canaryCANARYcanary";
const GENERIC = { ok: false, message: "Could not check this key with Supabase. Check the details you entered and try again later." };

describe("S5: API-key verification cannot be pointed at the internal network", () => {
  it("S5: private, loopback, link-local and metadata addresses are refused before connecting, with one message", async () => {
    // Even an operator allow-list naming them does not open private addresses.
    process.env.AKHROT_VERIFY_ALLOWED_HOSTS = "127.0.0.1,::1,10.0.0.1,169.254.169.254,localhost";
    resetEnvCache();
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const supabase = provider("supabase");
    const urls = [`https://127.0.0.1:${port(listener)}`, "https://127.0.0.1:1", "https://[::1]", "https://169.254.169.254", "https://10.0.0.1", `https://localhost:${port(listener)}`];
    for (const projectUrl of urls) {
      expect([projectUrl, await verifyApiKey(supabase, { projectUrl, apiKey: SUPABASE_KEY })]).toEqual([projectUrl, GENERIC]);
    }
    warned.mockRestore();
    expect(connections).toBe(0);
  });

  it("S5: a Supabase project URL off *.supabase.co (and the operator's list) is refused", async () => {
    const logs = captureLogs();
    expect(await verifyApiKey(provider("supabase"), { projectUrl: "https://attacker.example", apiKey: SUPABASE_KEY })).toEqual(GENERIC);
    logs.restore();
    const refused = logs.entries().filter((e) => e.where === "apikey.verify");
    expect(refused.map((e) => String(e.reason))).toEqual([expect.stringMatching(/attacker\.example is not an allowed host/)]);
  });

  it("S5: a redirect to a private address is not followed and the key never reaches it", async () => {
    // The operator's own base URL override is trusted (it may be a private server), yet its redirects are not.
    process.env.APIKEY_SUPABASE_BASE_URL = `http://127.0.0.1:${port(redirector)}`;
    resetEnvCache();
    expect(await verifyApiKey(provider("supabase"), { projectUrl: "https://x.supabase.co", apiKey: SUPABASE_KEY })).toEqual(GENERIC);
    expect(canaryHits).toEqual([]);
  });
});

describe("safeFetch", () => {
  it("S5: answers 3xx as is, never following it", async () => {
    const res = await safeFetch(`http://127.0.0.1:${port(redirector)}/`, {}, { allowedHosts: ["127.0.0.1"], allowPrivate: true });
    expect([res.status, res.headers.get("location")]).toEqual([302, `http://127.0.0.1:${port(canary)}/canary`]);
    expect(canaryHits).toEqual([]);
  });

  it("S5: an allowed host works; loopback only with the explicit allowPrivate", async () => {
    const url = `http://127.0.0.1:${port(canary)}/ok`;
    const res = await safeFetch(url, { method: "POST", headers: { apikey: "k" }, body: "{}" }, { allowedHosts: ["127.0.0.1"], allowPrivate: true });
    expect([res.status, await res.text(), canaryHits]).toEqual([200, "{}", ["POST /ok apikey=k"]]);
    await expect(safeFetch(url, {}, { allowedHosts: ["127.0.0.1"] })).rejects.toBeInstanceOf(OutboundRequestRefused);
    await expect(safeFetch(`https://127.0.0.1:${port(listener)}/`, {}, { allowedHosts: ["127.0.0.1"] })).rejects.toThrow(/private or reserved/);
    await expect(safeFetch(`https://localhost:${port(listener)}/`, {}, { allowedHosts: ["localhost"] })).rejects.toThrow(/resolves to a private or reserved address/);
    await expect(safeFetch("https://evil.example/", {}, { allowedHosts: ["*.supabase.co"] })).rejects.toThrow(/not an allowed host/);
    await expect(safeFetch("https://supabase.co.evil.example/", {}, { allowedHosts: ["*.supabase.co"] })).rejects.toThrow(/not an allowed host/);
    expect(connections).toBe(0);
    expect(canaryHits).toHaveLength(1);
  });

  it("S5: classifies addresses (IPv4-mapped IPv6 by its IPv4)", () => {
    const cases: [string, boolean][] = [
      ["127.0.0.1", true], ["10.1.2.3", true], ["172.16.0.1", true], ["192.168.1.1", true], ["169.254.169.254", true],
      ["100.64.0.1", true], ["0.0.0.0", true], ["224.0.0.1", true], ["::1", true], ["::", true], ["fe80::1", true],
      ["fd00:ec2::254", true], ["::ffff:127.0.0.1", true], ["::ffff:7f00:1", true], ["::ffff:a9fe:a9fe", true],
      ["8.8.8.8", false], ["104.18.2.3", false], ["2606:4700:4700::1111", false], ["::ffff:8.8.8.8", false],
    ];
    expect(cases.map(([a]) => [a, isPrivateAddress(a)])).toEqual(cases);
  });
});
