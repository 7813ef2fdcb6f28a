import { card } from "@/components/ui/styles";
import type { DailyPoint, ServiceAnalytics } from "@/lib/analytics/service-analytics";

const W = 600;
const H = 120;

/** The service API's analytics as cards, and a 30-day bar chart of logins and tokens issued. */
export function AnalyticsPanel({ analytics, daily }: { analytics: ServiceAnalytics; daily: DailyPoint[] }) {
  const max = Math.max(1, ...daily.map((d) => d.logins + d.tokens));
  const bar = W / daily.length;
  const cards = [
    ["End users", analytics.totalUsers],
    ["Subscriptions", analytics.totalSubscriptions],
    ["Active subscriptions", analytics.activeSubscriptions],
    ["Logins (30 d)", analytics.totalLogins30d],
    ["Unique users (30 d)", analytics.uniqueUsers30d],
    ["Tokens issued (30 d)", analytics.providerTokensIssued30d],
  ] as const;
  const connections = Object.entries(analytics.connectionsByProvider);
  return (
    <section className={`${card} p-5`} aria-labelledby="analytics-title">
      <h2 id="analytics-title" className="text-sm font-semibold text-zinc-900">
        Analytics
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="analytics">
        {cards.map(([k, v]) => (
          <div key={k} className="rounded-lg bg-zinc-50 p-3">
            <dt className="text-xs text-zinc-500">{k}</dt>
            <dd className="text-xl font-semibold tabular-nums text-zinc-900">{v}</dd>
          </div>
        ))}
      </dl>
      <figure className="mt-4">
        <svg viewBox={`0 0 ${W} ${H}`} className="h-28 w-full" role="img" aria-label="Logins and tokens issued per day, last 30 days">
          {daily.map((d, i) => {
            const lh = (d.logins / max) * (H - 4);
            const th = (d.tokens / max) * (H - 4);
            return (
              <g key={d.day}>
                <title>{`${d.day}: ${d.logins} logins, ${d.tokens} tokens`}</title>
                <rect x={i * bar + 1} y={H - lh} width={bar - 2} height={lh} className="fill-zinc-900" />
                <rect x={i * bar + 1} y={H - lh - th} width={bar - 2} height={th} className="fill-zinc-400" />
              </g>
            );
          })}
          <line x1="0" x2={W} y1={H - 0.5} y2={H - 0.5} className="stroke-zinc-200" />
        </svg>
        <figcaption className="mt-1 text-xs text-zinc-500">
          Last 30 days (UTC): <span className="font-medium text-zinc-900">■</span> logins (hosted provider authorizations) · <span className="text-zinc-400">■</span> provider tokens issued
        </figcaption>
      </figure>
      <p className="mt-3 text-sm text-zinc-600">Connections by provider: {connections.length ? connections.map(([p, n]) => `${p} ${n}`).join(" · ") : "none yet"}</p>
    </section>
  );
}
