/**
 * A service's analytics: AuthOS's five fields, plus provider tokens issued and active
 * connections (grants) by provider. A "login" is an end user completing a hosted provider
 * authorization for this service (a completed provider-token request); the window is a
 * rolling 30 days in UTC, as AuthOS's.
 */
import type { Db } from "@/db";
import { countActiveGrantsByProvider, countLogins, countServiceTotals, countTokensIssued, dailyActivity } from "@/db/queries/service-analytics";

export const ANALYTICS_WINDOW_DAYS = 30;

export type ServiceAnalytics = {
  totalUsers: number;
  totalSubscriptions: number;
  activeSubscriptions: number;
  totalLogins30d: number;
  uniqueUsers30d: number;
  providerTokensIssued30d: number;
  connectionsByProvider: Record<string, number>;
};

export async function serviceAnalytics(db: Db, serviceId: string, now = new Date()): Promise<ServiceAnalytics> {
  const since = new Date(now.getTime() - ANALYTICS_WINDOW_DAYS * 86_400_000);
  const [totals, logins, tokens, grants] = await Promise.all([
    countServiceTotals(db, serviceId),
    countLogins(db, serviceId, since),
    countTokensIssued(db, serviceId, since),
    countActiveGrantsByProvider(db, serviceId),
  ]);
  return {
    totalUsers: totals.users,
    totalSubscriptions: totals.subscriptions,
    activeSubscriptions: totals.activeSubscriptions,
    totalLogins30d: logins.logins,
    uniqueUsers30d: logins.uniqueUsers,
    providerTokensIssued30d: tokens,
    connectionsByProvider: Object.fromEntries(grants.map((g) => [g.provider, g.n])),
  };
}

export type DailyPoint = { day: string; logins: number; tokens: number };

/** One point per UTC day for the last 30 days (zeros included), oldest first: the dashboard chart. */
export async function serviceActivityByDay(db: Db, serviceId: string, now = new Date()): Promise<DailyPoint[]> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (ANALYTICS_WINDOW_DAYS - 1) * 86_400_000);
  const { logins, tokens } = await dailyActivity(db, serviceId, start);
  const loginsBy = new Map(logins.map((r) => [r.day, r.n]));
  const tokensBy = new Map(tokens.map((r) => [r.day, r.n]));
  return Array.from({ length: ANALYTICS_WINDOW_DAYS }, (_, i) => {
    const day = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    return { day, logins: loginsBy.get(day) ?? 0, tokens: tokensBy.get(day) ?? 0 };
  });
}
