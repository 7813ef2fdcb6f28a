/**
 * Times on the Connections and Activity pages: a short relative phrase for reading, the exact
 * UTC instant for the title. Both pages render these only in the browser (their data comes
 * from client queries), so "now" never differs between server and hydration.
 */
export { formatDayTime } from "@/components/keys/format";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];
const rtf = new Intl.RelativeTimeFormat("en-US", { numeric: "auto", style: "short" });

export function formatRelative(date: Date, now = new Date()): string {
  const diff = date.getTime() - now.getTime();
  if (Math.abs(diff) < 60_000) return diff > 0 ? "in under a minute" : "just now";
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return "just now";
}
