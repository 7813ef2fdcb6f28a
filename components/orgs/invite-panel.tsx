"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { buttonGhost, buttonPrimary, card, input, label } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { ErrorLine } from "./error-line";

type Invitation = { id: string; role: string; expiresAt: Date; state: string };

/** Create an invitation link (copied by the inviter, single use, 7 days) and revoke open ones. */
export function InvitePanel({ orgSlug, canInviteOwner, invitations }: { orgSlug: string; canInviteOwner: boolean; invitations: Invitation[] }) {
  const router = useRouter();
  const action = useClientAction();
  const [role, setRole] = useState<"member" | "admin" | "owner">("member");
  const [link, setLink] = useState<string | null>(null);
  return (
    <section className={`${card} p-5`} aria-labelledby="invite-title">
      <h2 id="invite-title" className="text-sm font-semibold text-zinc-900">
        Invite someone
      </h2>
      <p className="mt-1 text-sm text-zinc-600">The link works once, for 7 days, for whoever signs in with it. Send it yourself.</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end">
        <div>
          <label htmlFor="invite-role" className={label}>
            Role
          </label>
          <select id="invite-role" className={`${input} mt-1`} value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            <option value="member">Member (read only)</option>
            <option value="admin">Admin</option>
            {canInviteOwner && <option value="owner">Owner</option>}
          </select>
        </div>
        <button
          type="button"
          className={buttonPrimary}
          disabled={action.pending}
          onClick={() =>
            action.run(async (api) => {
              const { token } = await api.orgs.invite.mutate({ slug: orgSlug, role });
              setLink(`${window.location.origin}/invite/${token}`);
              router.refresh();
            })
          }
        >
          Create invite link
        </button>
      </div>
      <ErrorLine error={action.error} />
      {link && (
        <div className="mt-4 flex flex-col gap-2 sm:flex-row" data-testid="invite-link-panel">
          <label htmlFor="invite-link" className="sr-only">
            Invitation link
          </label>
          <input id="invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} className={`${input} font-mono text-xs`} data-testid="invite-link" />
          <CopyButton value={link} label="Copy link" />
        </div>
      )}
      {invitations.length > 0 && (
        <ul className="mt-4 divide-y divide-zinc-100 text-sm">
          {invitations.map((i) => (
            <li key={i.id} className="flex items-center justify-between gap-3 py-2">
              <span>
                {i.role} · {i.state} · expires {i.expiresAt.toISOString().slice(0, 10)}
              </span>
              {i.state === "open" && (
                <button type="button" className={buttonGhost} onClick={() => action.run(async (api) => (await api.orgs.revokeInvitation.mutate({ slug: orgSlug, id: i.id }), router.refresh()))}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
