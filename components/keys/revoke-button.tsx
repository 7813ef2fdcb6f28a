"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonDanger, buttonGhost, buttonSecondary } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";

/** Revoke in two steps: the first click asks, the second revokes. */
export function RevokeButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const revoke = useClientAction();
  const [confirming, setConfirming] = useState(false);

  function confirm() {
    revoke.run(async (api) => {
      try {
        await api.apiKeys.revoke.mutate({ id });
      } finally {
        // Revoked now (or already, elsewhere): the refreshed row says so and drops this button.
        router.refresh();
      }
    });
  }

  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} aria-label={`Revoke key ${name}`} className={`${buttonSecondary} px-3 py-1.5 text-rose-700 hover:bg-rose-50`}>
        Revoke
      </button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm revoking ${name}`} className="flex flex-wrap items-center justify-end gap-2">
      <span className="text-xs text-zinc-600">Agents using it stop working.</span>
      <button type="button" onClick={() => setConfirming(false)} className={buttonGhost} disabled={revoke.pending}>
        Cancel
      </button>
      <button type="button" onClick={confirm} className={buttonDanger} disabled={revoke.pending} aria-label={`Confirm revoke ${name}`}>
        {revoke.pending ? "Revoking…" : "Confirm revoke"}
      </button>
      {revoke.error && (
        <span role="alert" className="text-xs text-rose-700">
          {revoke.error.message}
        </span>
      )}
    </div>
  );
}
