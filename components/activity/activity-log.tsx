"use client";

import { useState } from "react";
import { LoadError } from "@/components/connections/load-error";
import { buttonSecondary, card } from "@/components/ui/styles";
import { useClientQuery } from "@/lib/trpc/client-query";
import { ActivityFilters, type Filters } from "./activity-filters";
import { ActivityTable } from "./activity-table";
import { useActivityPages } from "./use-activity-pages";

function Skeleton() {
  return (
    <div aria-busy="true" className={`${card} divide-y divide-zinc-100`}>
      <span className="sr-only">Loading activity…</span>
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} className="flex animate-pulse items-center gap-4 p-4" aria-hidden="true">
          <div className="h-8 w-24 rounded bg-zinc-100" />
          <div className="h-4 w-28 rounded bg-zinc-200" />
          <div className="hidden h-4 w-20 rounded bg-zinc-100 sm:block" />
          <div className="ml-auto h-5 w-16 rounded-full bg-zinc-100" />
        </div>
      ))}
    </div>
  );
}

function Empty({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  return (
    <div className={`${card} flex flex-col items-center px-6 py-12 text-center`}>
      <div className="flex h-10 w-10 items-center justify-center rounded-full bg-zinc-100">
        <svg viewBox="0 0 24 24" aria-hidden="true" className="h-5 w-5 fill-none stroke-zinc-500" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M3 12h4l3-8 4 16 3-8h4" />
        </svg>
      </div>
      <h2 className="mt-3 text-sm font-semibold text-zinc-900">{filtered ? "Nothing matches these filters" : "No activity yet"}</h2>
      <p className="mt-1 max-w-sm text-sm text-zinc-600">
        {filtered
          ? "Try another provider, key or outcome."
          : "Token fetches, connect links, connections, key changes and every refused or failed agent call will appear here as they happen."}
      </p>
      {filtered && (
        <button type="button" onClick={onClear} className={`${buttonSecondary} mt-5`}>
          Clear filters
        </button>
      )}
    </div>
  );
}

/** Keep the filters in the address bar, so a filtered view can be reloaded or shared. */
function syncUrl(f: Filters) {
  const url = new URL(window.location.href);
  for (const [name, v] of [["provider", f.provider], ["key", f.apiKeyId], ["outcome", f.outcome]] as const) {
    if (v) url.searchParams.set(name, v);
    else url.searchParams.delete(name);
  }
  window.history.replaceState(null, "", url);
}

/** The CSV download of what the filters select (app/dashboard/activity/export/route.ts). */
function exportHref(f: Filters): string {
  const q = new URLSearchParams();
  if (f.provider) q.set("provider", f.provider);
  if (f.apiKeyId) q.set("key", f.apiKeyId);
  const query = q.toString();
  return `/dashboard/activity/export${query ? `?${query}` : ""}`;
}

/** The /dashboard/activity body: filters, newest-first events and "Load more". */
export function ActivityLog({ initial }: { initial: Filters }) {
  const [filters, setFilters] = useState<Filters>(initial);
  const options = useClientQuery("filters", (api) => api.activity.filters.query());
  const events = useActivityPages(filters);

  function change(next: Filters) {
    setFilters(next);
    syncUrl(next);
  }

  const items = events.items;
  const filtered = Boolean(filters.provider || filters.apiKeyId || filters.outcome);
  const none: Filters = { provider: "", apiKeyId: "", outcome: "" };
  let body: React.ReactNode;
  if (events.loading) body = <Skeleton />;
  else if (events.error) body = <LoadError what="activity" error={events.error} onRetry={events.retry} retrying={events.fetching} />;
  else if (items.length === 0) body = <Empty filtered={filtered} onClear={() => change(none)} />;
  else {
    // Events, not rows: identical events of one write window are one row with their count.
    const eventCount = items.reduce((n, e) => n + e.count, 0);
    body = (
      <>
        <ActivityTable items={items} />
        <div className="mt-4 flex flex-col items-center gap-2">
          {events.moreFailed && (
            <p role="alert" className="text-sm text-rose-700">
              Could not load more events.
            </p>
          )}
          {events.hasMore ? (
            <button type="button" onClick={events.loadMore} disabled={events.loadingMore} className={buttonSecondary}>
              {events.loadingMore ? "Loading…" : events.moreFailed ? "Try again" : "Load more"}
            </button>
          ) : (
            // "Everything" only when no filter hides anything: failures included.
            <p className="text-xs text-zinc-600" data-testid="activity-end">
              {eventCount === 1 ? "1 event" : `${eventCount.toLocaleString("en")} events`}
              {filtered ? (
                <>
                  {" "}
                  match these filters ·{" "}
                  <button type="button" onClick={() => change(none)} className="font-medium text-zinc-800 underline underline-offset-4">
                    show all
                  </button>
                </>
              ) : (
                " · that is everything, successes and failures"
              )}
            </p>
          )}
        </div>
      </>
    );
  }

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 flex-1">
          <ActivityFilters value={filters} options={options.data} onChange={change} />
        </div>
        <a href={exportHref(filters)} download className={buttonSecondary}>
          Download CSV
        </a>
      </div>
      <section aria-label="Events" aria-busy={events.fetching}>
        {body}
      </section>
    </div>
  );
}
