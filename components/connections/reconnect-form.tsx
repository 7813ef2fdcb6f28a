import { PendingSubmitButton } from "@/components/pending-submit-button";
import { buttonSecondary } from "@/components/ui/styles";

// The call to action of the "needs re-authorization" panel (amber-700 keeps white text at AA contrast).
const buttonAmber =
  "inline-flex items-center justify-center gap-2 whitespace-nowrap rounded-lg bg-amber-700 px-3 py-1.5 text-sm font-medium text-white shadow-sm transition-colors hover:bg-amber-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-amber-700 focus-visible:ring-offset-2";

/** A plain form POST to the dashboard connect route, so it works before hydration too. */
export function ReconnectForm({ provider, label, primary = false }: { provider: string; label: string; primary?: boolean }) {
  return (
    <form method="post" action={`/dashboard/connect/${provider}`}>
      <input type="hidden" name="intent" value="reconnect" />
      <PendingSubmitButton aria-label={label} className={primary ? buttonAmber : `${buttonSecondary} px-3 py-1.5`} label="Reconnect" pendingLabel="Connecting…" />
    </form>
  );
}
