import type { ProviderStatus } from "@/lib/providers-view/provider-status";

const dot = { connected: "bg-emerald-500", needs_reauth: "bg-amber-500", not_connected: "bg-zinc-300" } as const;
const text = { connected: "text-emerald-800", needs_reauth: "text-amber-800", not_connected: "text-zinc-500" } as const;

/** The user's connection state for one provider, in words (the dot only repeats it). */
export function StatusLine({ status }: { status: ProviderStatus }) {
  return (
    <p className={`flex min-w-0 items-center gap-2 text-sm ${text[status.kind]}`} data-testid="provider-status" data-status={status.kind}>
      <span aria-hidden="true" className={`h-2 w-2 flex-none rounded-full ${dot[status.kind]}`} />
      <span className="min-w-0 truncate font-medium" title={status.text}>
        {status.text}
      </span>
      {status.detail && <span className="flex-none text-amber-800">· {status.detail}</span>}
    </p>
  );
}
