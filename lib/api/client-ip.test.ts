import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { clientIp, markPeerStamped, PEER_HEADER, pickClientIp } from "./client-ip";

describe("S12: the client IP comes from the trusted end of X-Forwarded-For", () => {
  it.each([
    // [X-Forwarded-For, socket peer (npm start), trusted proxies, expected]
    ["no proxy: the socket is the client, a spoofed header is ignored", "203.0.113.66", "198.51.100.7", 0, "198.51.100.7"],
    ["no proxy, no header", null, "198.51.100.7", 0, "198.51.100.7"],
    ["no proxy, dual-stack socket", null, "::ffff:198.51.100.7", 0, "198.51.100.7"],
    ["one appending proxy: spoofed leading hops ignored", "6.6.6.6, 7.7.7.7, 198.51.100.7", "10.0.0.2", 1, "198.51.100.7"],
    ["two appending proxies", "6.6.6.6, 198.51.100.7, 10.0.0.9", "10.0.0.2", 2, "198.51.100.7"],
    ["Vercel: the edge sets the header and is the peer we never see", "198.51.100.7", null, 1, "198.51.100.7"],
    ["Vercel: a client-sent leading hop is still not the client", "6.6.6.6, 198.51.100.7", null, 1, "198.51.100.7"],
    ["IPv6 client", "2001:db8::1", "10.0.0.2", 1, "2001:db8::1"],
    ["a proxy is configured but the header is missing", null, "10.0.0.2", 1, "unknown"],
    ["fewer hops than trusted proxies", "198.51.100.7", "10.0.0.2", 3, "unknown"],
    ["`next start` (no stamped peer) and no trusted proxy", "6.6.6.6", null, 0, "unknown"],
    ["garbage in the trusted position", "<script>", "10.0.0.2", 1, "unknown"],
  ])("%s", (_, forwardedFor, peer, trustedProxies, expected) => {
    expect(pickClientIp({ forwardedFor, peer, trustedProxies })).toBe(expected);
  });
});

describe("clientIp(headers)", () => {
  afterEach(() => {
    delete process.env.AKHROT_TRUSTED_PROXIES;
    resetEnvCache();
  });

  it("S12: believes the peer header only once the serving process stamps it, and rotating X-Forwarded-For changes nothing", () => {
    const spoofed = (i: number) => new Headers({ "x-forwarded-for": `203.0.113.${i}`, [PEER_HEADER]: "198.51.100.7" });
    expect(clientIp(spoofed(1))).toBe("unknown");
    markPeerStamped();
    expect(new Set([1, 2, 3].map((i) => clientIp(spoofed(i))))).toEqual(new Set(["198.51.100.7"]));
  });

  it("reads the hop count from AKHROT_TRUSTED_PROXIES", () => {
    process.env.AKHROT_TRUSTED_PROXIES = "1";
    resetEnvCache();
    markPeerStamped();
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7", [PEER_HEADER]: "10.0.0.2" }))).toBe("198.51.100.7");
  });
});
