"use client";

import type { KeyListItem } from "@/lib/trpc/routers/api-keys";
import { card } from "@/components/ui/styles";
import { formatDay, formatDayTime, keyStatus, type KeyStatus } from "./format";
import { McpRevealToggle } from "./mcp-reveal-toggle";
import { RevokeButton } from "./revoke-button";

const STATUS_STYLE: Record<KeyStatus, string> = {
  active: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  revoked: "bg-zinc-100 text-zinc-600 ring-zinc-500/20",
  expired: "bg-amber-50 text-amber-800 ring-amber-600/20",
};
const STATUS_LABEL: Record<KeyStatus, string> = { active: "Active", revoked: "Revoked", expired: "Expired" };

function StatusBadge({ status }: { status: KeyStatus }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[status]}`}>{STATUS_LABEL[status]}</span>;
}

function AllowList({ providers }: { providers: string[] | null }) {
  if (!providers) return <span className="text-zinc-500">All providers</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {providers.map((p) => (
        <span key={p} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700">
          {p}
        </span>
      ))}
    </span>
  );
}

/** Rows that are MCP clients' OAuth grants (claude.ai, ChatGPT, …), not keys someone minted. */
function OAuthBadge({ host }: { host: string | null }) {
  if (!host) return null;
  return <span className="ml-2 inline-flex rounded bg-sky-50 px-1.5 py-0.5 text-xs font-medium text-sky-800 ring-1 ring-inset ring-sky-600/20">MCP client</span>;
}

function When({ date, withTime = false, empty }: { date: Date | null; withTime?: boolean; empty: string }) {
  if (!date) return <span className="text-zinc-500">{empty}</span>;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {withTime ? formatDayTime(date) : formatDay(date)}
    </time>
  );
}

function EmptyState() {
  return (
    <div className={`${card} flex flex-col items-center px-6 py-12 text-center`}>
      <div className="flex h-10 w-10 items-center justify-center rounded-full bg-zinc-100">
        <svg viewBox="0 0 24 24" aria-hidden="true" className="h-5 w-5 fill-none stroke-zinc-500" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M15 7a3 3 0 1 1-3 3M12 10l-8 8v2h3l1-1v-2h2v-2h2l2-2" />
        </svg>
      </div>
      <h3 className="mt-3 text-sm font-semibold text-zinc-900">No API keys yet</h3>
      <p className="mt-1 max-w-sm text-sm text-zinc-600">Create a key above and give it to your agent. It sends the key as <code className="font-mono text-xs">Authorization: Bearer akh_…</code>.</p>
    </div>
  );
}

/** The user's keys: a table on wide screens, stacked cards on phones. */
export function KeysTable({ keys }: { keys: KeyListItem[] }) {
  if (keys.length === 0) return <EmptyState />;
  const now = new Date();
  return (
    <>
      <div className={`${card} hidden overflow-hidden md:block`}>
        <table className="w-full text-left text-sm" aria-label="API keys">
          <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium uppercase tracking-wide text-zinc-500">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">Name</th>
              <th scope="col" className="px-4 py-3 font-medium">Key</th>
              <th scope="col" className="px-4 py-3 font-medium">Created</th>
              <th scope="col" className="px-4 py-3 font-medium">Last used</th>
              <th scope="col" className="px-4 py-3 font-medium">Expires</th>
              <th scope="col" className="px-4 py-3 font-medium">Providers</th>
              <th scope="col" className="px-4 py-3 font-medium">Status</th>
              <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {keys.map((k) => {
              const status = keyStatus(k, now);
              return (
                <tr key={k.id} data-testid="key-row" className={status === "active" ? "" : "text-zinc-500"}>
                  <td className="px-4 py-3 font-medium text-zinc-900">{k.name}<OAuthBadge host={k.oauthClientHost} /></td>
                  <td className="whitespace-nowrap px-4 py-3 font-mono text-xs text-zinc-700">{k.masked}</td>
                  <td className="whitespace-nowrap px-4 py-3"><When date={k.createdAt} empty="" /></td>
                  <td className="whitespace-nowrap px-4 py-3"><When date={k.lastUsedAt} withTime empty="Never" /></td>
                  <td className="whitespace-nowrap px-4 py-3"><When date={k.expiresAt} empty="Never" /></td>
                  <td className="px-4 py-3"><AllowList providers={k.providers} /></td>
                  <td className="px-4 py-3"><StatusBadge status={status} /></td>
                  <td className="px-4 py-3 text-right">
                    {status === "active" && (
                      <div className="flex flex-col items-end gap-2">
                        <RevokeButton id={k.id} name={k.name} />
                        <McpRevealToggle id={k.id} name={k.name} enabled={k.mcpRevealCredentials} />
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <ul className="space-y-3 md:hidden" aria-label="API keys">
        {keys.map((k) => {
          const status = keyStatus(k, now);
          return (
            <li key={k.id} data-testid="key-card" className={`${card} p-4`}>
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="truncate font-medium text-zinc-900">{k.name}<OAuthBadge host={k.oauthClientHost} /></p>
                  <p className="mt-0.5 font-mono text-xs text-zinc-600">{k.masked}</p>
                </div>
                <StatusBadge status={status} />
              </div>
              <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-xs">
                <div><dt className="text-zinc-500">Created</dt><dd className="text-zinc-800"><When date={k.createdAt} empty="" /></dd></div>
                <div><dt className="text-zinc-500">Last used</dt><dd className="text-zinc-800"><When date={k.lastUsedAt} withTime empty="Never" /></dd></div>
                <div><dt className="text-zinc-500">Expires</dt><dd className="text-zinc-800"><When date={k.expiresAt} empty="Never" /></dd></div>
                <div><dt className="text-zinc-500">Providers</dt><dd className="text-zinc-800"><AllowList providers={k.providers} /></dd></div>
              </dl>
              {status === "active" && (
                <div className="mt-3 flex flex-col items-end gap-2 border-t border-zinc-100 pt-3">
                  <RevokeButton id={k.id} name={k.name} />
                  <McpRevealToggle id={k.id} name={k.name} enabled={k.mcpRevealCredentials} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
