"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatDayTime } from "@/components/keys/format";
import { buttonDanger, buttonGhost, buttonSecondary, card } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { DeliveryLog } from "./delivery-log";
import type { EndpointWithLog } from "./webhooks-manager";

/** One endpoint: its state, events, actions (test, disable/enable, delete in two steps) and delivery log. */
export function EndpointCard({ orgSlug, endpoint }: { orgSlug?: string; endpoint: EndpointWithLog }) {
  const router = useRouter();
  const action = useClientAction();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const ref = { orgSlug, id: endpoint.id };
  const enabled = !endpoint.disabledAt;

  function run(what: "test" | "toggle" | "delete") {
    setNotice(null);
    action.run(async (api) => {
      if (what === "test") {
        const { messageId } = await api.webhooks.sendTest.mutate(ref);
        setNotice(`Test event ${messageId} queued; its delivery appears below.`);
      } else if (what === "toggle") await api.webhooks.setEnabled.mutate({ ...ref, enabled: !enabled });
      else await api.webhooks.remove.mutate(ref);
      router.refresh();
    });
  }

  return (
    <article className={`${card} p-5`} aria-label={`Webhook endpoint ${endpoint.url}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="break-all font-mono text-sm text-zinc-900">{endpoint.url}</p>
          <p className="mt-1 text-xs text-zinc-600">
            {enabled ? (
              <span className="font-medium text-emerald-700">Enabled</span>
            ) : (
              <span className="font-medium text-rose-700">Disabled</span>
            )}
            {" · "}added {formatDayTime(endpoint.createdAt)}
            {enabled && endpoint.failingSince && <> · failing since {formatDayTime(endpoint.failingSince)}</>}
          </p>
          {!enabled && endpoint.disabledReason && <p className="mt-1 text-xs text-rose-700">{endpoint.disabledReason}</p>}
          <p className="mt-2 flex flex-wrap gap-1">
            {endpoint.events.map((e) => (
              <code key={e} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-800">
                {e}
              </code>
            ))}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className={buttonSecondary} onClick={() => run("test")} disabled={action.pending || !enabled}>
            Send test event
          </button>
          <button type="button" className={buttonSecondary} onClick={() => run("toggle")} disabled={action.pending}>
            {enabled ? "Disable" : "Enable"}
          </button>
          {confirmingDelete ? (
            <span role="group" aria-label={`Confirm deleting ${endpoint.url}`} className="flex items-center gap-2">
              <button type="button" className={buttonGhost} onClick={() => setConfirmingDelete(false)} disabled={action.pending}>
                Cancel
              </button>
              <button type="button" className={buttonDanger} onClick={() => run("delete")} disabled={action.pending}>
                Confirm delete
              </button>
            </span>
          ) : (
            <button type="button" className={`${buttonSecondary} text-rose-700 hover:bg-rose-50`} onClick={() => setConfirmingDelete(true)}>
              Delete
            </button>
          )}
        </div>
      </div>
      {(notice || action.error) && (
        <p role={action.error ? "alert" : "status"} className={`mt-3 text-sm ${action.error ? "text-rose-700" : "text-zinc-700"}`}>
          {action.error?.message ?? notice}
        </p>
      )}
      <DeliveryLog deliveries={endpoint.deliveries} />
    </article>
  );
}
