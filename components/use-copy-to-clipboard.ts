"use client";

import { useState } from "react";

export type CopyState = "idle" | "copied" | "failed";

/** Copy with the Clipboard API; the state reads "copied" or "failed" for two seconds. */
export function useCopyToClipboard(value: string): [CopyState, () => Promise<void>] {
  const [state, setState] = useState<CopyState>("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }
  return [state, copy];
}
