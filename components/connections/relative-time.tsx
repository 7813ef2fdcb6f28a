import { formatDayTime, formatRelative } from "./format-time";

/** "5 min. ago", with the exact UTC time on hover. */
export function RelativeTime({ date, empty = "Never" }: { date: Date | null; empty?: string }) {
  if (!date) return <span className="text-zinc-500">{empty}</span>;
  const exact = formatDayTime(date);
  return (
    <time dateTime={date.toISOString()} title={exact}>
      {formatRelative(date)}
    </time>
  );
}
