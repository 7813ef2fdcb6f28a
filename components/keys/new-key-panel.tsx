"use client";

import { useEffect, useRef } from "react";
import { CopyButton } from "@/components/copy-button";
import { buttonGhost } from "@/components/ui/styles";

type Wording = { title: string; note: string; inputLabel: string; copyLabel: string };

const keyWording = (name: string): Wording => ({
  title: `Your new key “${name}”`,
  note: "Copy it now. For your security it will not be shown again; if you lose it, revoke it and create a new one.",
  inputLabel: "New API key",
  copyLabel: "Copy key",
});

/**
 * A freshly minted secret (an agent key, a webhook signing secret), shown once. It lives only in
 * client memory until dismissed. It takes the focus and scrolls into view when it appears: on a
 * phone the form that minted it fills the screen, and a key the person never sees is a key they
 * must revoke.
 */
export function NewKeyPanel({ name, secret, onDismiss, wording }: { name: string; secret: string; onDismiss: () => void; wording?: Wording }) {
  const w = wording ?? keyWording(name);
  const panel = useRef<HTMLElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    panel.current?.scrollIntoView({ block: "start" });
    input.current?.focus({ preventScroll: true });
  }, [secret]);
  return (
    <section ref={panel} aria-labelledby="new-key-title" className="rounded-xl border border-amber-300 bg-amber-50 p-5 shadow-sm" data-testid="new-key-panel">
      <div className="flex items-start gap-3">
        <svg viewBox="0 0 24 24" aria-hidden="true" className="mt-0.5 h-5 w-5 flex-none fill-none stroke-amber-700" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z" />
        </svg>
        <div className="min-w-0 flex-1">
          <h2 id="new-key-title" className="text-sm font-semibold text-amber-950">
            {w.title}
          </h2>
          <p className="mt-1 text-sm text-amber-900">{w.note}</p>
          <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:items-center">
            <label htmlFor="new-key-value" className="sr-only">
              {w.inputLabel}
            </label>
            <input
              id="new-key-value"
              ref={input}
              readOnly
              value={secret}
              onFocus={(e) => e.currentTarget.select()}
              className="block w-full min-w-0 rounded-lg border border-amber-300 bg-white px-3 py-2 font-mono text-xs text-zinc-900 shadow-inner focus:border-amber-500 focus:outline-none focus:ring-1 focus:ring-amber-500 sm:text-sm"
              data-testid="new-key-value"
            />
            <CopyButton value={secret} label={w.copyLabel} />
          </div>
          <div className="mt-3">
            <button type="button" onClick={onDismiss} className={`${buttonGhost} -ml-3 text-amber-900 hover:bg-amber-100`}>
              I have copied it
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}
