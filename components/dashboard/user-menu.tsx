import { buttonGhost } from "@/components/ui/styles";

type Props = { email: string; signOut: () => Promise<void>; compact?: boolean };

/** The signed-in email and a sign-out button (a form, so it works without JavaScript). */
export function UserMenu({ email, signOut, compact = false }: Props) {
  return (
    <div className={compact ? "flex min-w-0 items-center gap-2" : "space-y-2"}>
      <p className="min-w-0 truncate text-sm text-zinc-600" title={email}>
        <span className="sr-only">Signed in as </span>
        <span data-testid="user-email">{email}</span>
      </p>
      <form action={signOut}>
        <button type="submit" className={`${buttonGhost} ${compact ? "" : "-ml-3"} whitespace-nowrap`}>
          Sign out
        </button>
      </form>
    </div>
  );
}
