import { formatDayTime, formatRelative } from "@/components/connections/format-time";
import { ProviderMark } from "@/components/connections/provider-mark";
import { card } from "@/components/ui/styles";
import type { ActivityItem } from "@/lib/trpc/routers/activity";
import { actionLabel, detailParts } from "./describe-event";
import { OutcomeBadge } from "./outcome-badge";

function When({ at }: { at: Date }) {
  return (
    <time dateTime={at.toISOString()} className="block">
      <span className="block text-zinc-800">{formatRelative(at)}</span>
      <span className="block text-xs text-zinc-500">{formatDayTime(at)}</span>
    </time>
  );
}

function Provider({ e }: { e: ActivityItem }) {
  if (!e.provider || !e.providerName) return <span className="text-zinc-500">—</span>;
  return (
    <span className="flex items-center gap-2">
      <ProviderMark code={e.provider} name={e.providerName} size="sm" />
      <span className="min-w-0">
        <span className="block text-zinc-900">{e.providerName}</span>
        <span className="block font-mono text-xs text-zinc-500">{e.provider}</span>
      </span>
    </span>
  );
}

function Key({ e }: { e: ActivityItem }) {
  if (!e.key) return <span className="text-zinc-500">—</span>;
  return (
    <span className="block min-w-0">
      <span className="block truncate text-zinc-900">{e.key.name}</span>
      <span className="block font-mono text-xs text-zinc-500">
        {e.key.masked}
        {e.key.revoked && <span className="font-sans"> · revoked</span>}
      </span>
    </span>
  );
}

/** "×78": identical events of one 20 ms write window, kept as one row (lib/audit/queue-event.ts). */
function Times({ e }: { e: ActivityItem }) {
  if (e.count < 2) return null;
  return (
    <span className="ml-1.5 font-normal text-zinc-500" title={`${e.count} identical events within 20 ms`} data-testid="activity-count">
      ×{e.count.toLocaleString("en")}
    </span>
  );
}

function hasDetail(e: ActivityItem): boolean {
  return detailParts(e.detail, Boolean(e.key)).length > 0 || Boolean(e.detail.message);
}

function Detail({ e }: { e: ActivityItem }) {
  const parts = detailParts(e.detail, Boolean(e.key));
  if (!hasDetail(e)) return <span className="text-zinc-500">—</span>;
  return (
    <div className="space-y-1 text-xs text-zinc-600">
      {parts.length > 0 && (
        <ul className="space-y-0.5">
          {parts.map((p) => (
            <li key={p} className="break-words">
              {p}
            </li>
          ))}
        </ul>
      )}
      {e.detail.message && (
        <p className="break-words text-zinc-700" data-testid="activity-message">
          <span className="sr-only">The agent was told: </span>“{e.detail.message}”
        </p>
      )}
    </div>
  );
}

/** Audit events: a table on wide screens, stacked cards on phones. */
export function ActivityTable({ items }: { items: ActivityItem[] }) {
  return (
    <>
      <div className={`${card} hidden overflow-hidden md:block`}>
        <table className="w-full text-left text-sm" aria-label="Activity">
          <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium uppercase tracking-wide text-zinc-500">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">Time</th>
              <th scope="col" className="px-4 py-3 font-medium">Action</th>
              <th scope="col" className="px-4 py-3 font-medium">Provider</th>
              <th scope="col" className="px-4 py-3 font-medium">Key</th>
              <th scope="col" className="px-4 py-3 font-medium">Outcome</th>
              <th scope="col" className="px-4 py-3 font-medium">Detail</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {items.map((e) => (
              <tr key={e.id} data-testid="activity-row" className="align-top">
                <td className="whitespace-nowrap px-4 py-3"><When at={e.at} /></td>
                <td className="px-4 py-3 font-medium text-zinc-900">{actionLabel(e)}<Times e={e} /></td>
                <td className="px-4 py-3"><Provider e={e} /></td>
                <td className="max-w-[12rem] px-4 py-3"><Key e={e} /></td>
                <td className="px-4 py-3"><OutcomeBadge outcome={e.outcome} /></td>
                <td className="max-w-[20rem] px-4 py-3"><Detail e={e} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul className="space-y-3 md:hidden" aria-label="Activity">
        {items.map((e) => (
          <li key={e.id} data-testid="activity-card" className={`${card} p-4`}>
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="font-medium text-zinc-900">{actionLabel(e)}<Times e={e} /></p>
                <p className="mt-0.5 text-xs text-zinc-500">
                  <time dateTime={e.at.toISOString()} title={formatDayTime(e.at)}>{formatRelative(e.at)}</time>
                  <span aria-hidden="true"> · </span>
                  {formatDayTime(e.at)}
                </p>
              </div>
              <OutcomeBadge outcome={e.outcome} />
            </div>
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              <div className="min-w-0"><dt className="text-xs text-zinc-500">Provider</dt><dd className="mt-0.5"><Provider e={e} /></dd></div>
              <div className="min-w-0"><dt className="text-xs text-zinc-500">Key</dt><dd className="mt-0.5"><Key e={e} /></dd></div>
            </dl>
            {hasDetail(e) && (
              <div className="mt-3 border-t border-zinc-100 pt-2"><Detail e={e} /></div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
