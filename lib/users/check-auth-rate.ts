import { getAuthLimiter, type AuthLimitName } from "@/lib/ratelimit";

const LIMITS = {
  "sign-in": { ip: "signin-ip", email: "signin-email" },
  "sign-up": { ip: "signup-ip", email: "signup-email" },
} as const satisfies Record<string, { ip: AuthLimitName; email: AuthLimitName }>;

export type AuthAttemptKind = keyof typeof LIMITS;

/**
 * Count one sign-in or sign-up attempt against its client IP and its email; call it before
 * any argon2 work. Undefined while under both limits; otherwise the minutes until the
 * tighter window ends. The caller shows one message for both limits and for known and
 * unknown emails, so the answer reveals nothing about which accounts exist.
 */
export async function checkAuthRate(kind: AuthAttemptKind, who: { email: string; ip: string }, now = Date.now()): Promise<number | undefined> {
  const names = LIMITS[kind];
  for (const [name, id] of [
    [names.ip, who.ip],
    [names.email, who.email.trim().toLowerCase()],
  ] as const) {
    const verdict = await (await getAuthLimiter(name)).limit(id);
    if (!verdict.success) return Math.max(1, Math.ceil((verdict.reset - now) / 60_000));
  }
  return undefined;
}

export function throttledMessage(kind: AuthAttemptKind | "password-reset", minutes?: number): string {
  const wait = minutes ? `in ${minutes} minute${minutes === 1 ? "" : "s"}` : "later";
  return `Too many ${kind} attempts. Try again ${wait}.`;
}
