import { isIP } from "node:net";
import { env } from "@/lib/env";
import { isPrivateAddress } from "@/lib/net/safe-fetch";

/**
 * Check a receiver URL when it is registered, with a message for its owner: https (http only
 * with WEBHOOK_ALLOW_PRIVATE_URLS), no credentials in it, no private IP literal. A name that
 * resolves to a private address is refused at delivery instead (lib/net/safe-fetch.ts checks
 * the address it connects to), since DNS can change after registration.
 */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "url: must be an absolute URL (https://…)";
  }
  if (raw.length > 2048) return "url: must be at most 2048 characters";
  const allowPrivate = env().WEBHOOK_ALLOW_PRIVATE_URLS;
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) return "url: must use https";
  if (url.username || url.password) return "url: must not contain a user name or password";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost") || (isIP(host) && isPrivateAddress(host)))) {
    return "url: must be a public address (private and loopback addresses are refused)";
  }
  return null;
}
