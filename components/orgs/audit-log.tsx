import { card } from "@/components/ui/styles";

type Event = { id: number; action: string; actorUserId: string | null; serviceKeyId: string | null; targetId: string | null; createdAt: Date; detail: Record<string, unknown> };

/** The org's (or one service's) audit rows, newest first. Details hold no secrets (scrubbed on write). */
export function AuditLog({ events, members }: { events: Event[]; members: Map<string, string> }) {
  return (
    <section className={`${card} p-5`} aria-labelledby="audit-title">
      <h2 id="audit-title" className="text-sm font-semibold text-zinc-900">
        Audit log
      </h2>
      {events.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600">Nothing yet.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-zinc-500">
              <tr>
                <th className="py-1 pr-3 font-medium">When (UTC)</th>
                <th className="py-1 pr-3 font-medium">Event</th>
                <th className="py-1 pr-3 font-medium">By</th>
                <th className="py-1 font-medium">Target</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap py-1.5 pr-3 text-zinc-600">{e.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs">{e.action}</td>
                  <td className="py-1.5 pr-3 text-zinc-700">{e.actorUserId ? (members.get(e.actorUserId) ?? "former member") : e.serviceKeyId ? `key ${e.serviceKeyId}` : "operator"}</td>
                  <td className="py-1.5 font-mono text-xs text-zinc-600">{e.targetId ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
