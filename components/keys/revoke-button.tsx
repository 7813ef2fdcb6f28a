"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonDanger, buttonGhost, buttonSecondary } from "@/components/ui/styles";
import { useTRPC } from "@/lib/trpc/client";

/** Revoke in two steps: the first click asks, the second revokes. */
export function RevokeButton({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSettled: async () => {
        setConfirming(false);
        await queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
    }),
  );

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
      <button type="button" onClick={() => setConfirming(false)} className={buttonGhost} disabled={revoke.isPending}>
        Cancel
      </button>
      <button type="button" onClick={() => revoke.mutate({ id })} className={buttonDanger} disabled={revoke.isPending} aria-label={`Confirm revoke ${name}`}>
        {revoke.isPending ? "Revoking…" : "Confirm revoke"}
      </button>
      {revoke.error && (
        <span role="alert" className="text-xs text-rose-700">
          {revoke.error.message}
        </span>
      )}
    </div>
  );
}
