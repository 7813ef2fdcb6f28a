/**
 * The guard for every outbound request whose destination a user (or an agent) can influence:
 * API-key verification, provider API calls on an agent's behalf, webhooks. Plain `fetch` there
 * is SSRF: it follows redirects (to http, to 169.254.169.254, keeping custom headers), resolves
 * names to private addresses, and its distinct failures map the internal network.
 *
 * `safeFetch(url, init, { allowedHosts, allowPrivate })`:
 * - https only (http too when `allowPrivate`: a test or an operator's private network);
 * - the host must match `allowedHosts` (`api.example.com` exactly, or `*.example.com` for any
 *   subdomain of it);
 * - never follows a redirect: a 3xx is returned as is, for the caller to treat as a failure;
 * - every address the name resolves to must be public (not loopback, private, link-local, ULA,
 *   CGNAT, multicast, documentation or metadata ranges, IPv4-mapped forms included), checked in
 *   the socket's own DNS lookup, so the address checked is the address connected to (no
 *   re-resolution between check and connect). IP-literal hosts are checked before connecting;
 * - a bounded time (default 10 s) and a bounded answer size (1 MB).
 * Refusals throw `OutboundRequestRefused` (its message is for logs, not for users).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP } from "node:net";

export type SafeFetchOptions = {
  /** Host names, exact (`api.openai.com`) or `*.supabase.co` (any subdomain, not the apex). */
  allowedHosts: readonly string[];
  /** Allow private/loopback destinations and plain http. Never on by default. */
  allowPrivate?: boolean;
  timeoutMs?: number;
};

export type SafeFetchInit = { method?: string; headers?: Record<string, string>; body?: string };

export class OutboundRequestRefused extends Error {
  override name = "OutboundRequestRefused";
}

const MAX_ANSWER_BYTES = 1024 * 1024;

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 127], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001::", 23], ["2001:db8::", 32], ["2002::", 16],
  ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) blocked.addSubnet(net, prefix, "ipv6");

/** True for any address that is not a plain public unicast one (IPv4-mapped IPv6 judged by its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, "ipv4");
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hexMapped) {
    const n = (parseInt(hexMapped[1] ?? "0", 16) << 16) | parseInt(hexMapped[2] ?? "0", 16);
    return blocked.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join("."), "ipv4");
  }
  return blocked.check(address, "ipv6");
}

export function hostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return allowedHosts.some((pattern) => {
    const p = pattern.trim().toLowerCase();
    if (p.startsWith("*.")) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
    return h === p;
  });
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The socket's DNS lookup: resolve, refuse if any answer is private, connect to what was checked. */
function checkedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    if (!addresses.length || addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(Object.assign(new OutboundRequestRefused(`${hostname} resolves to a private or reserved address`), { code: "EREFUSED" }), []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    return first ? callback(null, first.address, first.family) : callback(new OutboundRequestRefused(`${hostname} did not resolve`), []);
  });
}

function toResponse(res: IncomingMessage, body: Buffer): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headersDistinct)) for (const one of v ?? []) headers.append(k, one);
  const status = res.statusCode ?? 502;
  const nullBody = status === 204 || status === 304 || (status >= 100 && status < 200);
  return new Response(nullBody ? null : new Uint8Array(body), { status: status < 200 ? 502 : status, headers });
}

export async function safeFetch(url: string | URL, init: SafeFetchInit, opts: SafeFetchOptions): Promise<Response> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new OutboundRequestRefused("not a URL");
  }
  const allowPrivate = opts.allowPrivate ?? false;
  if (target.protocol !== "https:" && !(allowPrivate && target.protocol === "http:")) throw new OutboundRequestRefused(`${target.protocol} is not allowed`);
  if (target.username || target.password) throw new OutboundRequestRefused("credentials in the URL are not allowed");
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!hostAllowed(host, opts.allowedHosts)) throw new OutboundRequestRefused(`${host} is not an allowed host`);
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) throw new OutboundRequestRefused(`${host} is a private or reserved address`);

  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const req = send(
      target,
      {
        method: init.method ?? "GET",
        headers: { ...init.headers, ...(init.body !== undefined ? { "content-length": String(Buffer.byteLength(init.body)) } : {}) },
        lookup: allowPrivate ? undefined : checkedLookup,
        timeout: opts.timeoutMs ?? 10_000,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new OutboundRequestRefused("answer too large"));
          else chunks.push(c);
        });
        res.on("end", () => resolve(toResponse(res, Buffer.concat(chunks))));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("outbound request timed out"), { name: "TimeoutError" })));
    req.on("error", reject);
    req.end(init.body);
  });
}

/**
 * safeFetch that follows up to `maxRedirects` redirects by hand, each hop through the same
 * checks (allowed hosts, no private addresses): for calls whose provider may redirect within
 * its own API hosts (MCP's call_provider_api). Key checks never follow a redirect.
 */
export async function safeFetchFollowing(url: string | URL, init: SafeFetchInit, opts: SafeFetchOptions & { hostPorts?: readonly string[] }, maxRedirects = 3): Promise<Response> {
  let current = new URL(url);
  let request = init;
  for (let hop = 0; ; hop++) {
    // With `hostPorts` (URL.host values), a hop must also match the port: another service on an allowed host is not allowed.
    if (opts.hostPorts && !opts.hostPorts.includes(current.host)) throw new OutboundRequestRefused(`${current.host} is not an allowed host`);
    const res = await safeFetch(current, request, opts);
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) return res;
    if (hop >= maxRedirects) throw new OutboundRequestRefused("too many redirects");
    // 303 (and 301/302 after a POST, as browsers do) continue as a GET without a body.
    const method = request.method ?? "GET";
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method !== "GET" && method !== "HEAD")) request = { ...request, method: "GET", body: undefined };
    current = new URL(location, current);
  }
}
