import { buttonPrimary, buttonSecondary } from "@/components/ui/styles";

/** A plain form POST to the dashboard connect route, so it works before hydration too. */
export function ReconnectForm({ provider, label, primary = false }: { provider: string; label: string; primary?: boolean }) {
  return (
    <form method="post" action={`/dashboard/connect/${provider}`}>
      <button type="submit" aria-label={label} className={primary ? `${buttonPrimary} bg-amber-600 px-3 py-1.5 hover:bg-amber-700` : `${buttonSecondary} px-3 py-1.5`}>
        Reconnect
      </button>
    </form>
  );
}
