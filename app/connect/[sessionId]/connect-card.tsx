type Props = {
  title: string;
  body: string;
  tone: "neutral" | "success" | "error";
  scopes?: string[];
  note?: string;
  action?: { href: string; label: string };
  children?: React.ReactNode;
};

const TONES = { neutral: "border-zinc-200", success: "border-emerald-300", error: "border-rose-300" } as const;
const BADGES = { neutral: "bg-zinc-100 text-zinc-700", success: "bg-emerald-100 text-emerald-800", error: "bg-rose-100 text-rose-800" } as const;
const LABELS = { neutral: "Akhrot", success: "Connected", error: "Not connected" } as const;

/** The one card layout of the hosted connect pages. */
export function ConnectCard({ title, body, tone, scopes, note, action, children }: Props) {
  return (
    <main id="main" tabIndex={-1} className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-12">
      <section className={`w-full max-w-md rounded-2xl border bg-white p-8 shadow-sm ${TONES[tone]}`} aria-labelledby="connect-title">
        <span className={`inline-block rounded-full px-3 py-1 text-xs font-medium ${BADGES[tone]}`}>{LABELS[tone]}</span>
        <h1 id="connect-title" className="mt-4 text-2xl font-semibold text-zinc-900">
          {title}
        </h1>
        <p className="mt-3 text-sm leading-6 text-zinc-600">{body}</p>
        {scopes && scopes.length > 0 && (
          <div className="mt-5">
            <h2 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">Permissions requested</h2>
            <ul className="mt-2 flex flex-wrap gap-2">
              {scopes.map((s) => (
                <li key={s} className="rounded-md bg-zinc-100 px-2 py-1 font-mono text-xs text-zinc-700">
                  {s}
                </li>
              ))}
            </ul>
          </div>
        )}
        {action && (
          <form method="post" action={action.href} className="mt-6">
            <button type="submit" className="w-full rounded-lg bg-zinc-900 px-4 py-2.5 text-sm font-medium text-white hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900 focus-visible:ring-offset-2">
              {action.label}
            </button>
          </form>
        )}
        {children}
        {note && <p className="mt-4 text-xs text-zinc-500">{note}</p>}
      </section>
    </main>
  );
}
