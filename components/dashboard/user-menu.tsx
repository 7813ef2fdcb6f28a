import { buttonGhost } from "@/components/ui/styles";

type Props = { email: string; signOut: () => Promise<void>; signOutEverywhere: () => Promise<void>; compact?: boolean };

/**
 * The signed-in email and the sign-out buttons (forms, so they work without JavaScript).
 * Both end every session of the account server-side; "everywhere" says so out loud, for the
 * person who suspects a stolen session.
 */
export function UserMenu({ email, signOut, signOutEverywhere, compact = false }: Props) {
  return (
    <div className={compact ? "flex min-w-0 items-center gap-1" : "space-y-2"}>
      <p className="min-w-0 truncate text-sm text-zinc-600" title={email}>
        <span className="sr-only">Signed in as </span>
        <span data-testid="user-email">{email}</span>
      </p>
      <div className={compact ? "flex items-center" : "-ml-3 flex flex-col items-start"}>
        <form action={signOut}>
          <button type="submit" className={`${buttonGhost} whitespace-nowrap`}>
            Sign out
          </button>
        </form>
        <form action={signOutEverywhere}>
          <button
            type="submit"
            className={`${buttonGhost} whitespace-nowrap`}
            title="End every session of this account, on every device"
            aria-label={compact ? "Sign out everywhere" : undefined}
          >
            {compact ? "Everywhere" : "Sign out everywhere"}
          </button>
        </form>
      </div>
    </div>
  );
}
