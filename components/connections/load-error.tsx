import { buttonSecondary } from "@/components/ui/styles";

type QueryError = { message: string; data?: { code?: string } | null };

/** A human sentence for a failed dashboard query (the raw message is rarely meant for people). */
function explain(error: QueryError): string {
  if (error.data?.code === "UNAUTHORIZED") return "Your session has ended. Sign in again to continue.";
  return "The server did not answer as expected. Check your connection and try again.";
}

/** A failed client query, with a retry. */
export function LoadError({ what, error, onRetry, retrying }: { what: string; error: QueryError; onRetry: () => void; retrying: boolean }) {
  return (
    <div role="alert" className="rounded-xl border border-rose-200 bg-white p-5 shadow-sm">
      <p className="text-sm font-medium text-rose-800">Could not load {what}.</p>
      <p className="mt-1 text-sm text-zinc-600">{explain(error)}</p>
      <button type="button" onClick={onRetry} disabled={retrying} className={`${buttonSecondary} mt-4`}>
        {retrying ? "Retrying…" : "Try again"}
      </button>
    </div>
  );
}
