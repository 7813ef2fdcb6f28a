import type { ProviderStatus } from "@/lib/providers-view/provider-status";

const dot = { connected: "bg-emerald-500", needs_reauth: "bg-amber-500", not_connected: "bg-zinc-300" } as const;
const text = { connected: "text-emerald-800", needs_reauth: "text-amber-800", not_connected: "text-zinc-500" } as const;

/** The user's connection state for one provider, in words (the dot only repeats it). */
export function StatusLine({ status, wrap = false }: { status: ProviderStatus; wrap?: boolean }) {
  return (
    <p className={`flex min-w-0 gap-2 text-sm ${wrap ? "items-start" : "items-center"} ${text[status.kind]}`} data-testid="provider-status" data-status={status.kind}>
      <span aria-hidden="true" className={`h-2 w-2 flex-none rounded-full ${wrap ? "mt-1.5" : ""} ${dot[status.kind]}`} />
      <span className={`min-w-0 font-medium ${wrap ? "break-words [overflow-wrap:anywhere]" : "truncate"}`} title={status.text}>
        {status.text}
      </span>
      {status.detail && <span className="flex-none text-amber-800">· {status.detail}</span>}
    </p>
  );
}
