import { card } from "@/components/ui/styles";
import { RevokeGrantButton } from "./revoke-grant-button";

type Grant = { grantId: string; connectionId: string; provider: string; scopes: string[]; lastUsedAt: Date | null };
type EndUser = { id: string; email: string; linkedAt: Date; subscription: { planName: string; status: string; currentPeriodEnd: Date } | null; connections: Grant[] };

/** The service's end users with their subscription and the connections they granted it (admins may revoke a grant or disconnect the account). */
export function EndUsersTable({ users, total, orgSlug, serviceSlug, canManage }: { users: EndUser[]; total: number; orgSlug: string; serviceSlug: string; canManage: boolean }) {
  return (
    <section className={`${card} p-5`} aria-labelledby="users-title">
      <h2 id="users-title" className="text-sm font-semibold text-zinc-900">
        End users <span className="font-normal text-zinc-500">({total})</span>
      </h2>
      {users.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600">None yet. Your backend adds them with POST /api/service/users.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="end-users">
            <thead className="text-xs text-zinc-500">
              <tr>
                <th className="py-1 pr-3 font-medium">Email</th>
                <th className="py-1 pr-3 font-medium">Subscription</th>
                <th className="py-1 pr-3 font-medium">Connections</th>
                <th className="py-1 font-medium">Linked</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {users.map((u) => (
                <tr key={u.id}>
                  <td className="py-1.5 pr-3">
                    {u.email}
                    <span className="block font-mono text-xs text-zinc-500">{u.id}</span>
                  </td>
                  <td className="py-1.5 pr-3">{u.subscription ? `${u.subscription.planName} · ${u.subscription.status} · until ${u.subscription.currentPeriodEnd.toISOString().slice(0, 10)}` : "—"}</td>
                  <td className="py-1.5 pr-3">
                    {u.connections.length
                      ? u.connections.map((c) => (
                          <span key={c.grantId} className="block">
                            {c.provider}
                            <span className="text-xs text-zinc-500"> · {c.scopes.length} scope{c.scopes.length === 1 ? "" : "s"} · {c.lastUsedAt ? `used ${c.lastUsedAt.toISOString().slice(0, 10)}` : "never used"}</span>
                            {canManage ? <RevokeGrantButton orgSlug={orgSlug} serviceSlug={serviceSlug} grantId={c.grantId} connectionId={c.connectionId} provider={c.provider} email={u.email} /> : null}
                          </span>
                        ))
                      : "—"}
                  </td>
                  <td className="whitespace-nowrap py-1.5 text-zinc-600">{u.linkedAt.toISOString().slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
