"use client";

import { useId, useRef } from "react";
import { buttonDanger, buttonGhost, buttonSecondary } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import type { ConnectionListItem, DisconnectOutcome } from "@/lib/trpc/routers/connections";

type Props = { connection: ConnectionListItem; description: string; onDone: (outcome: DisconnectOutcome) => void };

/** "Disconnect" behind a modal confirm; the outcome (revoked or not) goes back to the page. */
export function DisconnectButton({ connection: c, description, onDone }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const disconnect = useClientAction();

  function confirm() {
    disconnect.run(async (api) => {
      const outcome = await api.connections.disconnect.mutate({ id: c.id });
      // Close first: the page drops this card (and this dialog) from its list.
      dialog.current?.close();
      onDone(outcome);
    });
  }
  const oauth = c.authType === "oauth2";

  return (
    <>
      <button
        type="button"
        onClick={() => {
          disconnect.reset();
          dialog.current?.showModal();
        }}
        aria-label={`Disconnect ${description}`}
        className={`${buttonSecondary} px-3 py-1.5 text-rose-700 hover:bg-rose-50`}
      >
        Disconnect
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-zinc-200 bg-white p-0 text-left shadow-xl backdrop:bg-zinc-900/40"
      >
        <div className="p-5 sm:p-6">
          <h2 id={titleId} className="text-base font-semibold text-zinc-900">
            Disconnect {c.providerName}?
          </h2>
          <div id={bodyId} className="mt-2 space-y-2 text-sm text-zinc-600">
            <p>
              {c.accountLabel ? <span className="font-medium text-zinc-800">{c.accountLabel}</span> : "This account"} will be removed from Akhrot and your agents will no longer get
              its {oauth ? "token" : "credential"}.
            </p>
            <p>{oauth ? `Akhrot will also ask ${c.providerName} to revoke its access.` : `The key itself keeps working at ${c.providerName} until you delete it there.`}</p>
          </div>
          {disconnect.error && (
            <p role="alert" className="mt-4 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
              {disconnect.error.message}
            </p>
          )}
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <button type="button" autoFocus onClick={() => dialog.current?.close()} disabled={disconnect.pending} className={buttonGhost}>
              Cancel
            </button>
            <button type="button" onClick={confirm} disabled={disconnect.pending} className={`${buttonDanger} py-2`}>
              {disconnect.pending ? "Disconnecting…" : "Disconnect"}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
