/**
 * The client's IP address, as far as this deployment can know it without being lied to.
 *
 * X-Forwarded-For is a list every proxy appends to, so only its RIGHT end is trustworthy: a
 * client can put anything at the left. AKHROT_TRUSTED_PROXIES says how many proxies in front
 * of the app append to it (default: 1 on Vercel, whose edge sets the header; 0 elsewhere).
 * Counting from the right, we skip the hops those proxies account for and take the next one.
 *
 * The last hop, the socket that talked to the app, is known only to the server itself:
 * `npm start` (scripts/serve.ts) writes it into PEER_HEADER on every request, overwriting
 * whatever the client sent, and marks the process so that header is believed. Under
 * `next start` or `next dev` nothing marks the process, so the header is ignored (Next's own
 * `x-forwarded-for` fill-in keeps a client-sent value, so it proves nothing either); with no
 * trusted hop the answer is then "unknown" and every client shares one bucket. That is safe
 * but coarse: self-host with `npm start`, or set AKHROT_TRUSTED_PROXIES behind a proxy.
 */
import { env } from "@/lib/env";

export const PEER_HEADER = "x-akhrot-peer";

const holder = globalThis as typeof globalThis & { __akhrotPeerStamped?: boolean };

/** scripts/serve.ts calls this once: from now on PEER_HEADER is the socket's address. */
export function markPeerStamped(): void {
  holder.__akhrotPeerStamped = true;
}

export type ClientIpInput = { forwardedFor: string | null; peer: string | null; trustedProxies: number };

/** Pure: the chain is X-Forwarded-For plus the socket peer; skip `trustedProxies` hops from the right. */
export function pickClientIp({ forwardedFor, peer, trustedProxies }: ClientIpInput): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  // The peer slot is present even when unknown, so the count of trusted hops means the same
  // thing with and without a stamping server (Vercel's edge is the peer we never see).
  const chain: (string | null)[] = [...hops, peer?.trim() || null];
  const hop = chain[chain.length - 1 - trustedProxies];
  return hop && isPlausibleIp(hop) ? normalise(hop) : "unknown";
}

function isPlausibleIp(v: string): boolean {
  return v.length <= 64 && /^[0-9a-fA-F:.]+$/.test(v);
}

// "::ffff:203.0.113.7" (an IPv4 client on a dual-stack socket) is the same client as "203.0.113.7".
function normalise(v: string): string {
  const lower = v.toLowerCase();
  return lower.startsWith("::ffff:") && lower.includes(".") ? lower.slice(7) : lower;
}

export function clientIp(headers: Headers): string {
  return pickClientIp({
    forwardedFor: headers.get("x-forwarded-for"),
    peer: holder.__akhrotPeerStamped ? headers.get(PEER_HEADER) : null,
    trustedProxies: env().AKHROT_TRUSTED_PROXIES,
  });
}
