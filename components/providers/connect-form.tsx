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
      <button
        type="submit"
        disabled={!card.connect.enabled}
        aria-describedby={card.connect.enabled ? undefined : noteId(card.code)}
        className={`${buttonPrimary} w-full`}
      >
        {verb[card.status.kind]}
        <span className="sr-only"> {card.name}</span>
      </button>
    </form>
  );
}

/** Why Connect is disabled, with the env vars the operator sets; renders nothing when it is not. */
export function NotConfiguredNote({ card }: { card: ProviderCardData }) {
  if (card.connect.enabled) return null;
  return (
    <p id={noteId(card.code)} className="rounded-lg bg-amber-50 px-3 py-2 text-xs leading-5 text-amber-900" data-testid="not-configured">
      <span className="font-medium">Not configured on this instance.</span> The operator sets{" "}
      {card.connect.envVars.map((name, i) => (
        <span key={name}>
          {i > 0 && " and "}
          <code className="break-all font-mono">{name}</code>
        </span>
      ))}
      .
    </p>
  );
}
