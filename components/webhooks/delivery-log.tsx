import { formatDayTime } from "@/components/keys/format";
import type { DeliveryLogRow } from "@/db/queries/webhooks";

function outcome(d: DeliveryLogRow): string {
  if (d.status === "delivered") return "delivered";
  if (d.status === "failed") return "gave up";
  return d.attempts === 0 ? "queued" : `retry ${formatDayTime(d.nextAttemptAt)}`;
}

/** The latest deliveries of one endpoint: event, attempts, the receiver's status code, when. */
export function DeliveryLog({ deliveries }: { deliveries: DeliveryLogRow[] }) {
  if (!deliveries.length) return <p className="mt-4 text-sm text-zinc-600">No deliveries yet.</p>;
  return (
    <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-label="Delivery log">
      <table className="w-full min-w-[32rem] text-left text-sm">
        <caption className="sr-only">Delivery log</caption>
        <thead className="text-xs uppercase tracking-wide text-zinc-600">
          <tr>
            <th scope="col" className="py-1.5 pr-3 font-medium">Event</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Attempts</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Status</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Last attempt</th>
            <th scope="col" className="py-1.5 font-medium">Outcome</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td className="py-1.5 pr-3 font-mono text-xs text-zinc-900">{d.eventType}</td>
              <td className="py-1.5 pr-3 text-zinc-700">{d.attempts}</td>
              <td className="py-1.5 pr-3 text-zinc-700" title={d.lastError ?? undefined}>
                {d.lastStatusCode ?? (d.lastError ? "no answer" : "–")}
              </td>
              <td className="py-1.5 pr-3 text-zinc-700">{d.lastAttemptAt ? formatDayTime(d.lastAttemptAt) : "–"}</td>
              <td className="py-1.5 text-zinc-700">{outcome(d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
