"use client";

import { useId, useRef, useState, type ReactNode } from "react";
import { buttonSecondary, card, input } from "@/components/ui/styles";
import { matchesQuery } from "@/lib/providers-view/match-query";

/** Cards arrive rendered by the server; this component only filters and groups them. */
export type BrowserItem = { code: string; searchText: string; card: ReactNode };
export type BrowserGroup = { category: string; items: BrowserItem[] };
/** The providers this instance is not set up for, collapsed under one explanation. */
export type BrowserSetup = { items: BrowserItem[]; guide: ReactNode };

function plural(n: number): string {
  return n === 1 ? "1 provider" : `${n} providers`;
}

function Grid({ items }: { items: BrowserItem[] }) {
  return (
    <ul role="list" className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {items.map((item) => (
        <li key={item.code} data-testid="provider-card" data-provider={item.code}>
          {item.card}
        </li>
      ))}
    </ul>
  );
}

/**
 * The providers grid with a search box that filters by name, code, category and service as
 * you type. What this instance can connect comes first, by category; what needs the operator
 * follows in one collapsed section (opened while a search matches inside it).
 */
export function ProviderBrowser({ groups, setup }: { groups: BrowserGroup[]; setup: BrowserSetup }) {
  const [query, setQuery] = useState("");
  const [setupOpen, setSetupOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const total = groups.reduce((n, g) => n + g.items.length, 0) + setup.items.length;
  const visible = groups.map((g) => ({ ...g, items: g.items.filter((item) => matchesQuery(item.searchText, query)) })).filter((g) => g.items.length > 0);
  const setupVisible = setup.items.filter((item) => matchesQuery(item.searchText, query));
  const shown = visible.reduce((n, g) => n + g.items.length, 0) + setupVisible.length;
  const searching = query.trim() !== "";

  return (
    <div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <div className="relative w-full sm:max-w-sm">
          <label htmlFor={`${id}-search`} className="sr-only">
            Search providers
          </label>
          <svg viewBox="0 0 24 24" aria-hidden="true" className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 fill-none stroke-zinc-400" strokeWidth="2" strokeLinecap="round">
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
          <input
            ref={inputRef}
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") setQuery("");
            }}
            placeholder="Search by name, category or service"
            autoComplete="off"
            spellCheck={false}
            className={`${input} pl-9`}
          />
        </div>
        <p className="text-sm text-zinc-500" aria-live="polite" data-testid="provider-count">
          {searching ? `${shown} of ${plural(total)}` : plural(total)}
        </p>
      </div>

      {shown === 0 ? (
        <div className={`${card} mt-8 px-6 py-12 text-center`} data-testid="providers-empty">
          <p className="font-medium text-zinc-900">No provider matches “{query.trim()}”.</p>
          <p className="mt-1 text-sm text-zinc-600">Try a provider name, a code such as x-twitter, a category or a service like Gmail.</p>
          <button
            type="button"
            className={`${buttonSecondary} mt-5`}
            onClick={() => {
              setQuery("");
              inputRef.current?.focus();
            }}
          >
            Clear search
          </button>
        </div>
      ) : (
        <>
          {visible.map((group) => {
            const headingId = `${id}-${group.category}`;
            return (
              <section key={group.category} aria-labelledby={headingId} className="mt-8">
                <div className="flex items-baseline gap-2 text-sm">
                  <h2 id={headingId} className="font-semibold text-zinc-900">
                    {group.category}
                  </h2>
                  <span aria-hidden="true" className="text-zinc-500">
                    {group.items.length}
                  </span>
                </div>
                <Grid items={group.items} />
              </section>
            );
          })}
          {setupVisible.length > 0 && (
            <details
              open={setupOpen || searching}
              onToggle={(e) => {
                if (!searching) setSetupOpen(e.currentTarget.open);
              }}
              className={`${card} mt-10 p-4 sm:p-5`}
              data-testid="needs-setup"
            >
              <summary className="cursor-pointer select-none rounded-md text-sm font-semibold text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900">
                <h2 className="inline">Needs setup by the operator</h2>
                <span className="ml-2 font-normal text-zinc-600">{plural(setupVisible.length)} · how to set them up</span>
              </summary>
              <div className="mt-4">{setup.guide}</div>
              <Grid items={setupVisible} />
            </details>
          )}
        </>
      )}
    </div>
  );
}
