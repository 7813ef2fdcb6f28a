"use client";

import { useSyncExternalStore } from "react";
import { THEME_EVENT, THEME_STORAGE_KEY } from "./theme-script";

type Mode = "system" | "light" | "dark";

const MODES: { mode: Mode; label: string; icon: string }[] = [
  { mode: "system", label: "System", icon: "M4 5h16v11H4zM9 20h6M12 16v4" },
  { mode: "light", label: "Light", icon: "M12 4v2M12 18v2M4 12h2M18 12h2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z" },
  { mode: "dark", label: "Dark", icon: "M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" },
];

function read(): Mode {
  try {
    const saved = localStorage.getItem(THEME_STORAGE_KEY);
    return saved === "light" || saved === "dark" ? saved : "system";
  } catch {
    return "system";
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(THEME_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(THEME_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

function choose(mode: Mode) {
  try {
    if (mode === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, mode);
  } catch {
    // Storage blocked: the choice lasts for this page only.
    document.documentElement.classList.toggle("dark", mode === "dark");
  }
  // The inline theme script (theme-script.ts) listens and re-applies the class.
  window.dispatchEvent(new Event(THEME_EVENT));
}

/** System / Light / Dark, remembered in this browser. */
export function ThemeToggle() {
  const current = useSyncExternalStore(subscribe, read, () => "system" as const);
  return (
    <div role="group" aria-label="Theme" className="inline-flex rounded-lg border border-zinc-200 bg-white p-0.5" data-testid="theme-toggle">
      {MODES.map((m) => (
        <button
          key={m.mode}
          type="button"
          aria-pressed={current === m.mode}
          title={`${m.label} theme`}
          onClick={() => choose(m.mode)}
          className="inline-flex h-7 w-8 items-center justify-center rounded-md text-zinc-600 transition-colors hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900 aria-pressed:bg-zinc-100 aria-pressed:text-zinc-900"
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" className="h-4 w-4 fill-none stroke-current" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
            <path d={m.icon} />
          </svg>
          <span className="sr-only">{m.label} theme</span>
        </button>
      ))}
    </div>
  );
}
