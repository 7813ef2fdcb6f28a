/**
 * Per-client-IP limits for what anyone can call without a key or a session (S12): the OAuth
 * callback, connect links (page, Continue, the paste form, the Telegram steps), and failed
 * agent-key authentications (refused BEFORE the database lookup once over budget, so spraying
 * random well-formed keys costs the sprayer a 429, not us a query each).
 */
import { headers } from "next/headers";
import { getKeyFailureLimiter, getPublicIpLimiter, type Limiter } from "@/lib/ratelimit";
import { clientIp } from "./client-ip";
import { ApiError } from "./errors";

export type IpVerdict = { ok: true } | { ok: false; retryAfter: number };

async function check(limiter: Promise<Limiter>, ip: string): Promise<IpVerdict> {
  const result = await (await limiter).limit(`ip:${ip}`);
  return result.success ? { ok: true } : { ok: false, retryAfter: Math.max(1, Math.ceil((result.reset - Date.now()) / 1000)) };
}

/** One request to a public page, callback or form step from this client. */
export function publicIpLimit(headers: Headers): Promise<IpVerdict> {
  return check(getPublicIpLimiter(), clientIp(headers));
}

/**
 * The same for a page or a server action, from the request Next is serving. Called outside a
 * request (tests and scripts calling the action as a function) there is no client: no limit.
 */
export async function requestIpLimit(): Promise<IpVerdict> {
  let current: Headers;
  try {
    current = await headers();
  } catch {
    return { ok: true };
  }
  return publicIpLimit(current);
}

/** The plain answer for a limited public route. */
export function tooManyRequests(retryAfter: number): Response {
  return new Response(`Too many requests from your network. Try again in ${retryAfter} s.\n`, {
    status: 429,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": String(retryAfter) },
  });
}

export const TOO_MANY_ATTEMPTS = "Too many attempts from your network. Wait a minute and try again.";

/**
 * Failed agent authentications (unknown, revoked, expired or malformed keys), per client IP.
 * Only failures count, so a busy agent fleet behind one address is never limited for using
 * valid keys. Once an address is over its budget this process refuses its uncached keys
 * before the database lookup until the window ends (a local note, so no Redis round trip
 * either); every instance learns it from its own next failure, as they share the counter.
 */
const blockedUntil = new Map<string, number>();

function rateLimited(retryAfter: number): ApiError {
  return new ApiError("RATE_LIMITED", `Too many requests with unknown or invalid API keys from this address. Retry after ${retryAfter} s.`, {}, { "retry-after": String(retryAfter) });
}

/** Before a key lookup: RATE_LIMITED while this address is over its failure budget. */
export function refuseIfKeyFailuresExceeded(ip: string): void {
  const until = blockedUntil.get(ip);
  if (until === undefined) return;
  if (until <= Date.now()) {
    blockedUntil.delete(ip);
    return;
  }
  throw rateLimited(Math.max(1, Math.ceil((until - Date.now()) / 1000)));
}

/** After a failed authentication: count it; over the budget, note the address and answer RATE_LIMITED. */
export async function recordKeyFailure(ip: string): Promise<void> {
  const verdict = await check(getKeyFailureLimiter(), ip);
  if (verdict.ok) return;
  if (blockedUntil.size > 10_000) for (const [k, v] of blockedUntil) if (v <= Date.now()) blockedUntil.delete(k);
  if (blockedUntil.size > 50_000) blockedUntil.clear();
  blockedUntil.set(ip, Date.now() + verdict.retryAfter * 1000);
  throw rateLimited(verdict.retryAfter);
}
