/**
 * fetch() for URLs an outside party influences (a path an agent chose, a provider's redirect):
 * only to the hosts the caller allows, only https (plain http only with `allowPrivate`, for
 * local test servers), never to a private, loopback, link-local or metadata address unless
 * `allowPrivate`, and redirects followed by hand so each hop passes the same checks — a
 * provider answering 302 to http://169.254.169.254/ or to another host is refused, not followed.
 *
 * Limits of this check: it resolves the name and then lets fetch resolve it again, so a DNS
 * answer that changes between the two (rebinding) is not caught here; the allow-list of the
 * provider's own API hosts is the main defence.
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export class SafeFetchError extends Error {
  override name = "SafeFetchError";
}

const MAX_REDIRECTS = 3;

const privateRanges = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) privateRanges.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96]] as const) privateRanges.addSubnet(net, bits, "ipv6");

/** True for loopback, private, CGNAT, link-local (cloud metadata), multicast and reserved addresses, IPv4-mapped IPv6 included. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(address);
  if (family === 4) return privateRanges.check(address, "ipv4");
  if (family === 6) return privateRanges.check(address, "ipv6");
  return true;
}

async function assertPublic(hostname: string): Promise<void> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(bare) ? [bare] : (await lookup(bare, { all: true, verbatim: true }).catch(() => [])).map((a) => a.address);
  if (!addresses.length) throw new SafeFetchError(`${hostname} could not be resolved`);
  if (addresses.some(isPrivateAddress)) throw new SafeFetchError(`${hostname} resolves to a private address`);
}

async function checkUrl(url: URL, opts: SafeFetchOptions): Promise<void> {
  if (url.protocol !== "https:" && !(opts.allowPrivate && url.protocol === "http:")) throw new SafeFetchError(`${url.protocol} URLs are not allowed (https only)`);
  if (url.username || url.password) throw new SafeFetchError("URLs with credentials are not allowed");
  if (!opts.allowedHosts.includes(url.host)) throw new SafeFetchError(`${url.host} is not an allowed host`);
  if (!opts.allowPrivate) await assertPublic(url.hostname);
}

export type SafeFetchOptions = {
  /** `URL.host` values (hostname, plus `:port` when not the default) a request or redirect may reach. */
  allowedHosts: string[];
  /** Let requests reach private addresses and plain http (local test servers, self-hosted overrides). */
  allowPrivate: boolean;
};

export async function safeFetch(url: string | URL, init: RequestInit, opts: SafeFetchOptions): Promise<Response> {
  let current = new URL(url);
  let request: RequestInit = { ...init, redirect: "manual" };
  for (let hop = 0; ; hop++) {
    await checkUrl(current, opts);
    const res = await fetch(current, request);
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) return res;
    await res.body?.cancel().catch(() => {});
    if (hop >= MAX_REDIRECTS) throw new SafeFetchError("too many redirects");
    const next = new URL(location, current);
    // 303 (and 301/302 after POST, as browsers do) continue as a GET without a body.
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && request.method && request.method !== "GET" && request.method !== "HEAD")) {
      request = { ...request, method: "GET", body: undefined };
    }
    current = next;
  }
}
