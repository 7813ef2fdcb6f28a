"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonDanger, card, input, label } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { ErrorLine } from "./error-line";

/** Owners only: delete the organization once its slug is typed (the server checks it again). */
export function DeleteOrgPanel({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const remove = useClientAction();
  const [typed, setTyped] = useState("");
  return (
    <form
      className={`${card} border-rose-200 p-5`}
      aria-labelledby="delete-org-title"
      onSubmit={(e) => {
        e.preventDefault();
        remove.run(async (api) => {
          await api.orgs.delete.mutate({ slug: orgSlug, confirmSlug: typed });
          router.push("/dashboard/orgs");
        });
      }}
    >
      <h2 id="delete-org-title" className="text-sm font-semibold text-zinc-900">
        Delete organization
      </h2>
      <p className="mt-1 text-sm text-zinc-600">
        Deletes every service, API key, plan, end user, subscription and end-user connection of this organization, and its audit log. Its service keys stop working at once. This cannot be undone.
      </p>
      <label htmlFor="delete-org-confirm" className={`${label} mt-3`}>
        Type <span className="font-mono">{orgSlug}</span> to confirm
      </label>
      <input id="delete-org-confirm" className={`${input} mt-1 max-w-xs`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
      <ErrorLine error={remove.error} />
      <button type="submit" className={`${buttonDanger} mt-4`} disabled={remove.pending || typed !== orgSlug}>
        Delete organization
      </button>
    </form>
  );
}
