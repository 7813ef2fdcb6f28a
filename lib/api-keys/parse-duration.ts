const UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** "30d", "12h", "2w", "90m" → milliseconds; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,5})([mhdw])$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const n = Number(match[1]);
  return n > 0 ? n * UNITS[match[2] as keyof typeof UNITS] : undefined;
}
