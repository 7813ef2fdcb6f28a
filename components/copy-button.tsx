"use client";

import { useCopyToClipboard } from "@/components/use-copy-to-clipboard";
import { buttonPrimary } from "@/components/ui/styles";

/** Copies `value` with the Clipboard API; says so for two seconds. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, copy] = useCopyToClipboard(value);
  return (
    <button type="button" onClick={copy} className={`${buttonPrimary} flex-none`} aria-live="polite">
      <svg viewBox="0 0 24 24" aria-hidden="true" className="h-4 w-4 fill-none stroke-current" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        {state === "copied" ? <path d="M5 12l5 5L20 7" /> : <path d="M9 9h10v10H9zM5 15V5h10" />}
      </svg>
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed – select and copy" : label}
    </button>
  );
}
