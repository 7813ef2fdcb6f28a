"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { buttonSecondary } from "@/components/ui/styles";
import { useTRPC } from "@/lib/trpc/client";

/** Agents get this account for its provider when they do not name one. */
export function MakeDefaultButton({ id, description }: { id: string; description: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setDefault = useMutation(
    trpc.connections.setDefault.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.connections.list.queryKey() }),
    }),
  );
  return (
    <>
      <button type="button" onClick={() => setDefault.mutate({ id })} disabled={setDefault.isPending} aria-label={`Make default: ${description}`} className={`${buttonSecondary} px-3 py-1.5`}>
        {setDefault.isPending ? "Saving…" : "Make default"}
      </button>
      {setDefault.error && (
        <span role="alert" className="text-xs text-rose-700">
          {setDefault.error.message}
        </span>
      )}
    </>
  );
}
