/**
 * Expiry choices for a new agent key. Pure: the create form (client) and the tRPC
 * procedure (server) share it.
 */
export const expiryPresets = ["never", "7d", "30d", "90d", "1y"] as const;
export type ExpiryPreset = (typeof expiryPresets)[number];

export const expiryLabels: Record<ExpiryPreset, string> = {
  never: "Never",
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
  "1y": "1 year",
};

const DAY_MS = 86_400_000;
const PRESET_MS: Record<Exclude<ExpiryPreset, "never">, number> = { "7d": 7 * DAY_MS, "30d": 30 * DAY_MS, "90d": 90 * DAY_MS, "1y": 365 * DAY_MS };

/** The furthest custom expiry accepted (keeps typos like year 20255 out). */
export const MAX_EXPIRY_MS = 5 * 365 * DAY_MS;

export function isExpiryPreset(value: string): value is ExpiryPreset {
  return (expiryPresets as readonly string[]).includes(value);
}

/** null = never expires. */
export function resolveExpiry(choice: ExpiryPreset | Date | undefined, now = new Date()): Date | null {
  if (choice === undefined || choice === "never") return null;
  if (choice instanceof Date) return choice;
  return new Date(now.getTime() + PRESET_MS[choice]);
}
