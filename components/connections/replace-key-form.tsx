import { PendingSubmitButton } from "@/components/pending-submit-button";
import { buttonSecondary } from "@/components/ui/styles";

/**
 * "Replace key": a plain form POST (works before hydration) to the dashboard connect route,
 * which checks the id is this user's API-key connection before opening the paste form.
 */
export function ReplaceKeyForm({ provider, connectionId, description }: { provider: string; connectionId: string; description: string }) {
  return (
    <form method="post" action={`/dashboard/connect/${provider}`}>
      <input type="hidden" name="replace" value={connectionId} />
      <PendingSubmitButton aria-label={`Replace key of ${description}`} className={`${buttonSecondary} px-3 py-1.5`} label="Replace key" pendingLabel="Opening…" />
    </form>
  );
}
