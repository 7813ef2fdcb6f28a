import Link from "next/link";

export type NoticeTone = "success" | "warning" | "error";

const TONE: Record<NoticeTone, { box: string; icon: string; path: string }> = {
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-900", icon: "stroke-emerald-600", path: "M5 12l5 5L20 7" },
  warning: { box: "border-amber-300 bg-amber-50 text-amber-950", icon: "stroke-amber-700", path: "M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z" },
  error: { box: "border-rose-200 bg-rose-50 text-rose-900", icon: "stroke-rose-600", path: "M12 8v5M12 16h.01M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z" },
};

type Props = {
  tone: NoticeTone;
  title?: string;
  children: React.ReactNode;
  testId?: string;
  /** A button (client) or a link that drops the query string (server). */
  onDismiss?: () => void;
  dismissHref?: string;
};

/** A page-level message: success and warnings are polite status updates, errors are alerts. */
export function NoticeBanner({ tone, title, children, testId, onDismiss, dismissHref }: Props) {
  const t = TONE[tone];
  const close = "flex-none rounded-md p-1 opacity-70 hover:bg-black/5 hover:opacity-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900";
  const x = (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="h-4 w-4 fill-none stroke-current" strokeWidth="2" strokeLinecap="round">
      <path d="M6 6l12 12M18 6 6 18" />
    </svg>
  );
  return (
    <div role={tone === "error" ? "alert" : "status"} data-testid={testId} className={`flex items-start gap-3 rounded-xl border p-4 text-sm ${t.box}`}>
      <svg viewBox="0 0 24 24" aria-hidden="true" className={`mt-0.5 h-5 w-5 flex-none fill-none ${t.icon}`} strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d={t.path} />
      </svg>
      <div className="min-w-0 flex-1">
        {title && <p className="font-semibold">{title}</p>}
        <div className={title ? "mt-0.5" : ""}>{children}</div>
      </div>
      {onDismiss && (
        <button type="button" onClick={onDismiss} aria-label="Dismiss message" className={close}>
          {x}
        </button>
      )}
      {dismissHref && (
        <Link href={dismissHref} aria-label="Dismiss message" className={close}>
          {x}
        </Link>
      )}
    </div>
  );
}
