/**
 * The per-render CSRF token of the hosted connect pages (S1). Every render of
 * GET /connect/{id} (proxy.ts) sets a fresh random value in an HttpOnly, SameSite=Strict
 * cookie and hands the same value to the page, which embeds it in its forms; Continue, the
 * paste form and each Telegram step must send both, equal. A cross-site page can make a
 * browser post a form, but it can neither read the page's token nor set a `__Host-` cookie
 * (the prefix is used whenever the instance is served over https). No database, no secrets:
 * proxy.ts imports this file.
 */
import { randomBytes } from "node:crypto";
import { safeEqual } from "@/lib/crypto/hash";

/** The form field every hosted-page form carries. */
export const LINK_CSRF_FIELD = "csrf";
/** Request header through which proxy.ts hands this render's token to the page (never trusted from clients: proxy overwrites it). */
export const LINK_CSRF_HEADER = "x-akhrot-link-csrf";
/** A link's token lives as long as the link can be used. */
export const LINK_CSRF_MAX_AGE_SECONDS = 10 * 60;

const SESSION_ID = /^cs_[0-9A-Za-z]{22}$/;

export function isConnectSessionId(id: string): boolean {
  return SESSION_ID.test(id);
}

/** `__Host-` (Secure, Path=/, no Domain) over https; plain http (local development) cannot carry it. */
export function linkCsrfCookieName(sessionId: string, baseUrl: string): string {
  return `${baseUrl.startsWith("https://") ? "__Host-" : ""}akh_cp_${sessionId.slice(3, 11)}`;
}

export function newLinkCsrfToken(): string {
  return randomBytes(32).toString("base64url");
}

export function linkCsrfCookieOptions(baseUrl: string) {
  return { httpOnly: true, sameSite: "strict" as const, secure: baseUrl.startsWith("https://"), path: "/", maxAge: LINK_CSRF_MAX_AGE_SECONDS };
}

/** Both present, well-formed and equal (constant time). */
export function linkCsrfMatches(cookieValue: string | undefined, field: unknown): boolean {
  if (typeof field !== "string" || !cookieValue) return false;
  if (!/^[A-Za-z0-9_-]{43}$/.test(field)) return false;
  return safeEqual(cookieValue, field);
}

/** One cookie's value from a raw `Cookie` header (route handlers get a plain Request in tests). */
export function cookieFromHeader(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
