import { PendingSubmitButton } from "@/components/pending-submit-button";
import { buttonPrimary } from "@/components/ui/styles";
import type { ProviderCardData } from "@/lib/providers-view/provider-cards";

const verb = { not_connected: "Connect", needs_reauth: "Reconnect", connected: "Add account" } as const;

function noteId(code: string): string {
  return `connect-note-${code}`;
}

/**
 * A plain form POST to /dashboard/connect/{code}: it starts the OAuth flow, or sends the user
 * to the hosted paste form for API-key and Telegram providers. Works before hydration.
 * Disabled for OAuth providers this instance has no app for (see NotConfiguredNote).
 */
export function ConnectForm({ card }: { card: ProviderCardData }) {
  return (
    <form method="post" action={`/dashboard/connect/${card.code}`}>
      {card.status.kind === "needs_reauth" && <input type="hidden" name="intent" value="reconnect" />}
      <PendingSubmitButton
        disabled={!card.connect.enabled}
        aria-describedby={card.connect.enabled ? undefined : noteId(card.code)}
        className={`${buttonPrimary} w-full`}
        pendingLabel="Connecting…"
        label={
          <>
            {verb[card.status.kind]}
            <span className="sr-only"> {card.name}</span>
          </>
        }
      />
    </form>
  );
}

/** Why Connect is disabled, with the env vars the operator sets; renders nothing when it is not. */
export function NotConfiguredNote({ card }: { card: ProviderCardData }) {
  if (card.connect.enabled) return null;
  return (
    <div id={noteId(card.code)} className="text-xs leading-5 text-zinc-500" data-testid="not-configured">
      <p className="flex items-center gap-1.5 font-medium text-amber-800">
        <svg viewBox="0 0 24 24" aria-hidden="true" className="h-3.5 w-3.5 flex-none fill-none stroke-current" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <circle cx="12" cy="12" r="9" />
          <path d="M12 8v5M12 16.5v.01" />
        </svg>
        Not configured on this instance.
      </p>
      <p className="[overflow-wrap:anywhere]">
        The operator sets{" "}
        {card.connect.envVars.map((name, i) => (
          <span key={name}>
            {i > 0 && " and "}
            <code className="font-mono text-zinc-700">{name}</code>
          </span>
        ))}
        .
      </p>
    </div>
  );
}
