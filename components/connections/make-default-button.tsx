"use client";

import { buttonSecondary } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";

type Props = { id: string; description: string; onDone: () => Promise<void> };

/** Agents get this account for its provider when they do not name one. */
export function MakeDefaultButton({ id, description, onDone }: Props) {
  const setDefault = useClientAction();
  function makeDefault() {
    setDefault.run(async (api) => {
      await api.connections.setDefault.mutate({ id });
      await onDone();
    });
  }
  return (
    <>
      <button type="button" onClick={makeDefault} disabled={setDefault.pending} aria-label={`Make default: ${description}`} className={`${buttonSecondary} px-3 py-1.5`}>
        {setDefault.pending ? "Saving…" : "Make default"}
      </button>
      {setDefault.error && (
        <span role="alert" className="text-xs text-rose-700">
          {setDefault.error.message}
        </span>
      )}
    </>
  );
}
