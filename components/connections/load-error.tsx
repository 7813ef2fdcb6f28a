import { buttonSecondary, card } from "@/components/ui/styles";

/** A failed client query, with a retry. */
export function LoadError({ what, message, onRetry, retrying }: { what: string; message: string; onRetry: () => void; retrying: boolean }) {
  return (
    <div role="alert" className={`${card} border-rose-200 p-5`}>
      <p className="text-sm font-medium text-rose-800">Could not load {what}.</p>
      <p className="mt-1 text-sm text-zinc-600">{message}</p>
      <button type="button" onClick={onRetry} disabled={retrying} className={`${buttonSecondary} mt-4`}>
        {retrying ? "Retrying…" : "Try again"}
      </button>
    </div>
  );
}
