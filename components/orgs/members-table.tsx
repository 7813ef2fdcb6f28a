"use client";

import { useRouter } from "next/navigation";
import { buttonGhost, card } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { ErrorLine } from "./error-line";

type Member = { userId: string; email: string; name: string | null; role: "owner" | "admin" | "member" };

/** Members and their roles; owners change roles and remove people (never the last owner). */
export function MembersTable({ orgSlug, members, isOwner, me }: { orgSlug: string; members: Member[]; isOwner: boolean; me: string }) {
  const router = useRouter();
  const action = useClientAction();
  return (
    <section className={`${card} p-5`} aria-labelledby="members-title">
      <h2 id="members-title" className="text-sm font-semibold text-zinc-900">
        Members
      </h2>
      <ul className="mt-3 divide-y divide-zinc-100 text-sm" data-testid="members">
        {members.map((m) => (
          <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="min-w-0 truncate">
              {m.email}
              {m.userId === me && <span className="text-zinc-500"> (you)</span>}
            </span>
            <span className="flex items-center gap-2">
              {isOwner ? (
                <select
                  aria-label={`Role of ${m.email}`}
                  className="rounded-md border border-zinc-300 px-2 py-1 text-sm"
                  value={m.role}
                  onChange={(e) => action.run(async (api) => (await api.orgs.changeRole.mutate({ slug: orgSlug, userId: m.userId, role: e.target.value as Member["role"] }), router.refresh()))}
                >
                  <option value="owner">owner</option>
                  <option value="admin">admin</option>
                  <option value="member">member</option>
                </select>
              ) : (
                <span className="rounded bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700">{m.role}</span>
              )}
              {(isOwner || m.userId === me) && (
                <button type="button" className={buttonGhost} onClick={() => action.run(async (api) => (await api.orgs.removeMember.mutate({ slug: orgSlug, userId: m.userId }), router.refresh()))}>
                  {m.userId === me ? "Leave" : "Remove"}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      <ErrorLine error={action.error} />
    </section>
  );
}
