/**
 * Stand-in for `next/headers` in tests that call server actions directly (there is no Next
 * request scope outside a running server). Only the framework's request plumbing is replaced:
 * Auth.js still decodes a real session cookie, and our checks still read real headers.
 * Use with `vi.mock("next/headers", () => import("@/lib/testing/next-headers-stub"))`.
 */
import { cookieFromHeader } from "@/lib/connect/link-csrf";
// Type-only: importing link-browser here would load the route handlers (and next-auth, which
// imports this very mock) while the mock is still being created.
import type { LinkBrowser } from "./link-browser";
import { SAME_ORIGIN, TEST_BASE } from "./test-origin";

let current = new Headers();

/** The headers the next server action "receives". */
export function setRequestHeaders(init: HeadersInit): void {
  current = new Headers(init);
}

/** A server action posted from the hosted page of `sessionId` in `browser` (its cookies, same-origin headers). */
export function actAs(browser: LinkBrowser, sessionId: string, extra: Record<string, string> = SAME_ORIGIN): void {
  const base = new URL(TEST_BASE);
  // Next's server adds x-forwarded-proto/host to every request it hands the app; Auth.js picks
  // the session cookie's name (with or without __Secure-) from the protocol.
  setRequestHeaders({ host: base.host, "x-forwarded-host": base.host, "x-forwarded-proto": base.protocol.replace(":", ""), cookie: browser.cookieHeader(`/connect/${sessionId}`), ...extra });
}

export async function headers(): Promise<Headers> {
  return current;
}

export async function cookies() {
  const all = () =>
    (current.get("cookie") ?? "")
      .split(";")
      .map((p) => p.trim())
      .filter((p) => p.includes("="))
      .map((p) => ({ name: p.slice(0, p.indexOf("=")), value: p.slice(p.indexOf("=") + 1) }));
  return {
    get: (name: string) => {
      const value = cookieFromHeader(current.get("cookie"), name);
      return value === undefined ? undefined : { name, value };
    },
    getAll: all,
    has: (name: string) => cookieFromHeader(current.get("cookie"), name) !== undefined,
  };
}
