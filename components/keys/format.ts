/**
 * Dates in the keys table. Fixed locale and UTC, so the server-rendered HTML and the
 * browser's hydration produce the same text.
 */
const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const dayTime = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });

export function formatDay(d: Date): string {
  return day.format(d);
}

export function formatDayTime(d: Date): string {
  return `${dayTime.format(d)} UTC`;
}

export type KeyStatus = "active" | "revoked" | "expired";

export function keyStatus(k: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): KeyStatus {
  if (k.revokedAt) return "revoked";
  if (k.expiresAt && k.expiresAt <= now) return "expired";
  return "active";
}
