import { PendingSubmitButton } from "@/components/pending-submit-button";

type Props = {
  title: string;
  body: string;
  tone: "neutral" | "success" | "error";
  /** Short "label: value" lines (who asked, which provider). */
  facts?: { label: string; value: string }[];
  scopes?: string[];
  note?: string;
  /** The explicit Continue: a same-origin form post carrying this render's CSRF token. */
  action?: { href: string; label: string; csrf: string; pendingLabel?: string; fields?: React.ReactNode };
  links?: { href: string; label: string }[];
  children?: React.ReactNode;
};

const TONES = { neutral: "border-zinc-200", success: "border-emerald-300", error: "border-rose-300" } as const;
const BADGES = { neutral: "bg-zinc-100 text-zinc-700", success: "bg-emerald-100 text-emerald-800", error: "bg-rose-100 text-rose-800" } as const;
const LABELS = { neutral: "Akhrot", success: "Connected", error: "Not connected" } as const;

/** The one card layout of the hosted connect pages. */
export function ConnectCard({ title, body, tone, facts, scopes, note, action, links, children }: Props) {
  return (
    <main id="main" tabIndex={-1} className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-12">
      <section className={`w-full max-w-md rounded-2xl border bg-white p-8 shadow-sm ${TONES[tone]}`} aria-labelledby="connect-title">
        <span className={`inline-block rounded-full px-3 py-1 text-xs font-medium ${BADGES[tone]}`}>{LABELS[tone]}</span>
        <h1 id="connect-title" className="mt-4 text-2xl font-semibold text-zinc-900">
          {title}
        </h1>
        <p className="mt-3 text-sm leading-6 text-zinc-600">{body}</p>
        {facts && facts.length > 0 && (
          <dl className="mt-5 space-y-1 text-sm">
            {facts.map((f) => (
              <div key={f.label} className="flex flex-wrap gap-x-2">
                <dt className="font-medium text-zinc-500">{f.label}:</dt>
                <dd className="break-all text-zinc-900">{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
        {scopes && scopes.length > 0 && (
          <div className="mt-5">
            <h2 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">Permissions requested</h2>
            <ul className="mt-2 flex flex-wrap gap-2">
              {scopes.map((s) => (
                <li key={s} className="max-w-full break-all rounded-md bg-zinc-100 px-2 py-1 font-mono text-xs text-zinc-700">
                  {s}
                </li>
              ))}
            </ul>
          </div>
        )}
        {action && (
          <form method="post" action={action.href} className="mt-6">
            <input type="hidden" name="csrf" value={action.csrf} />
            {action.fields}
            <PendingSubmitButton
              label={action.label}
              pendingLabel={action.pendingLabel ?? "Connecting…"}
              className={`${action.fields ? "mt-4 " : ""}w-full rounded-lg bg-zinc-900 px-4 py-2.5 text-sm font-medium text-white hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900 focus-visible:ring-offset-2 disabled:opacity-60`}
            />
          </form>
        )}
        {children}
        {links && links.length > 0 && (
          <nav aria-label="Where next" className="mt-6 flex flex-wrap gap-x-5 gap-y-2 text-sm" data-testid="connect-links">
            {links.map((l) => (
              <a key={l.href} href={l.href} className="font-medium text-zinc-900 underline underline-offset-2 hover:text-zinc-700">
                {l.label}
              </a>
            ))}
          </nav>
        )}
        {note && <p className="mt-4 text-xs text-zinc-500">{note}</p>}
      </section>
    </main>
  );
}
