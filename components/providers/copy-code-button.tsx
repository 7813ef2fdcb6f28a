"use client";

import { useCopyToClipboard } from "@/components/use-copy-to-clipboard";

/** A small copy button for the dark code blocks of the docs pages. */
export function CopyCodeButton({ value }: { value: string }) {
  const [state, copy] = useCopyToClipboard(value);
  return (
    <button
      type="button"
      onClick={copy}
      aria-live="polite"
      className="rounded-md px-2 py-1 text-xs font-medium text-zinc-300 transition-colors hover:bg-zinc-800 hover:text-white focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400"
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}
      {state === "idle" && <span className="sr-only"> code</span>}
    </button>
  );
}
