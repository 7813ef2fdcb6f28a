"use client";

import Link from "next/link";
import { useState } from "react";
import { buttonPrimary, card } from "@/components/ui/styles";
import { useClientQuery } from "@/lib/trpc/client-query";
import type { ConnectionListItem, DisconnectOutcome } from "@/lib/trpc/routers/connections";
import { ConnectionCard } from "./connection-card";
import { disconnectMessage, type Notice } from "./disconnect-message";
import { LoadError } from "./load-error";
import { NoticeBanner } from "./notice-banner";

function Skeleton() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-3">
      <span className="sr-only">Loading connections…</span>
      {[0, 1, 2].map((i) => (
        <div key={i} className={`${card} animate-pulse p-5`} aria-hidden="true">
          <div className="flex items-center gap-3">
            <div className="h-10 w-10 rounded-lg bg-zinc-200" />
            <div className="flex-1 space-y-2">
              <div className="h-3.5 w-32 rounded bg-zinc-200" />
              <div className="h-3 w-48 rounded bg-zinc-100" />
            </div>
            <div className="h-5 w-16 rounded-full bg-zinc-100" />
          </div>
          <div className="mt-5 grid grid-cols-2 gap-4 sm:grid-cols-4">
            {[0, 1, 2, 3].map((j) => (
              <div key={j} className="h-8 rounded bg-zinc-100" />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

function EmptyState() {
  return (
    <div className={`${card} flex flex-col items-center px-6 py-12 text-center`}>
      <div className="flex h-10 w-10 items-center justify-center rounded-full bg-zinc-100">
        <svg viewBox="0 0 24 24" aria-hidden="true" className="h-5 w-5 fill-none stroke-zinc-500" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" />
        </svg>
      </div>
      <h2 className="mt-3 text-sm font-semibold text-zinc-900">No connections yet</h2>
      <p className="mt-1 max-w-sm text-sm text-zinc-600">Connect an account or paste an API key, or let your agent send you a connect link when it needs one.</p>
      <Link href="/dashboard/providers" className={`${buttonPrimary} mt-5`}>
        Browse providers
      </Link>
    </div>
  );
}

/** Index of each provider's accounts: how many, and which one agents get (the list puts it first). */
function groupInfo(items: ConnectionListItem[]) {
  const count = new Map<string, number>();
  const first = new Map<string, string>();
  for (const c of items) {
    count.set(c.provider, (count.get(c.provider) ?? 0) + 1);
    if (!first.has(c.provider)) first.set(c.provider, c.id);
  }
  return { count, first };
}

/**
 * The /dashboard/connections body: every connection, with loading, error and empty states.
 * Fetched in the browser, so relative times ("5 min. ago") never differ from the server render.
 */
export function ConnectionsManager() {
  const list = useClientQuery("connections", (api) => api.connections.list.query());
  const [notice, setNotice] = useState<Notice | null>(null);

  function onDisconnected(outcome: DisconnectOutcome, c: ConnectionListItem) {
    setNotice(disconnectMessage(outcome, c.authType, c.accountLabel));
    list.setData((rows) => rows.filter((x) => x.id !== c.id));
    void list.reload();
  }

  const items = list.data ?? [];
  let body: React.ReactNode;
  if (list.loading) body = <Skeleton />;
  else if (list.error) body = <LoadError what="your connections" error={list.error} onRetry={() => void list.reload()} retrying={list.fetching} />;
  else if (items.length === 0) body = <EmptyState />;
  else {
    const { count, first } = groupInfo(items);
    const attention = items.filter((c) => c.status === "needs_reauth").length;
    body = (
      <section aria-labelledby="connections-title">
        <div className="mb-3 flex items-baseline justify-between gap-3">
          <h2 id="connections-title" className="text-base font-semibold text-zinc-900">
            Your connections
          </h2>
          <p className="text-sm text-zinc-500">
            {items.length} connected{attention > 0 && <span className="font-medium text-amber-800"> · {attention} need{attention === 1 ? "s" : ""} attention</span>}
          </p>
        </div>
        <ul className="space-y-3" aria-label="Connections">
          {items.map((c) => (
            <ConnectionCard
              key={c.id}
              connection={c}
              siblings={count.get(c.provider) ?? 1}
              isEffectiveDefault={first.get(c.provider) === c.id}
              onChanged={list.reload}
              onDisconnected={(o) => onDisconnected(o, c)}
            />
          ))}
        </ul>
      </section>
    );
  }

  return (
    <div className="space-y-6">
      {notice && <NoticeBanner tone={notice.tone} onDismiss={() => setNotice(null)} testId="disconnect-notice">{notice.text}</NoticeBanner>}
      {body}
    </div>
  );
}
