"use client";

import type { ConnectionListItem, DisconnectOutcome } from "@/lib/trpc/routers/connections";
import { DisconnectButton } from "./disconnect-button";
import { MakeDefaultButton } from "./make-default-button";
import { ProviderMark } from "./provider-mark";
import { ReconnectForm } from "./reconnect-form";
import { RelativeTime } from "./relative-time";
import { ReplaceKeyForm } from "./replace-key-form";
import { ConnectionStatusBadge } from "./status-badge";

type Props = {
  connection: ConnectionListItem;
  /** How many accounts of this provider the user has, and whether this one is what agents get. */
  siblings: number;
  isEffectiveDefault: boolean;
  /** Load the list again (after "Make default"); resolves once it is back. */
  onChanged: () => Promise<void>;
  onDisconnected: (outcome: DisconnectOutcome) => void;
};

const AUTH_LABEL: Record<ConnectionListItem["authType"], string> = { oauth2: "OAuth", api_key: "API key", mtproto: "Telegram session" };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-zinc-800">{children}</dd>
    </div>
  );
}

function Scopes({ scopes }: { scopes: string[] }) {
  if (scopes.length === 0) return null;
  return (
    <details className="group mt-4 text-sm">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded-md text-zinc-600 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900 [&::-webkit-details-marker]:hidden">
        <svg viewBox="0 0 24 24" aria-hidden="true" className="h-4 w-4 fill-none stroke-current transition-transform group-open:rotate-90" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="m9 6 6 6-6 6" />
        </svg>
        {scopes.length === 1 ? "1 scope" : `${scopes.length} scopes`}
      </summary>
      <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Granted scopes">
        {scopes.map((s) => (
          <li key={s} className="max-w-full break-all rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700">
            {s}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** One connected account: who, status, when, which key used it, and what can be done with it. */
export function ConnectionCard({ connection: c, siblings, isEffectiveDefault, onChanged, onDisconnected }: Props) {
  const description = c.accountLabel ? `${c.providerName} (${c.accountLabel})` : c.providerName;
  const needsReauth = c.status === "needs_reauth";
  const oauth = c.authType === "oauth2";
  return (
    <li data-testid="connection-card" className={`rounded-xl border bg-white p-4 shadow-sm sm:p-5 ${needsReauth ? "border-amber-300" : "border-zinc-200"}`} aria-label={description}>
      <div className="flex items-start gap-3">
        <ProviderMark code={c.provider} name={c.providerName} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <h3 className="font-semibold text-zinc-900">{c.providerName}</h3>
            <span className="text-xs text-zinc-500">
              <span className="font-mono">{c.provider}</span> · {AUTH_LABEL[c.authType]}
            </span>
            {siblings > 1 && isEffectiveDefault && (
              <span className="rounded-full bg-zinc-900 px-2 py-0.5 text-xs font-medium text-white" title="Agents get this account unless they name another">
                Default
              </span>
            )}
            <span className="ml-auto">
              <ConnectionStatusBadge status={c.status} />
            </span>
          </div>
          <p className="mt-0.5 break-all text-sm text-zinc-600" data-testid="connection-account">
            {c.accountLabel ?? <span className="italic text-zinc-500">Account name not shared by {c.providerName}</span>}
          </p>
        </div>
      </div>

      {needsReauth && (
        <div role="status" className="mt-4 flex flex-col gap-3 rounded-lg border border-amber-200 bg-amber-50 p-3 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-amber-900">
            {c.providerName} no longer accepts the saved sign-in. Agents get <code className="font-mono text-xs">TOKEN_EXPIRED</code> until you reconnect.
            {c.statusReason && (
              <span className="mt-1 block break-words text-amber-800" data-testid="connection-status-reason">
                {c.statusReason}
              </span>
            )}
          </p>
          <ReconnectForm provider={c.provider} label={`Reconnect ${description}`} primary />
        </div>
      )}

      <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-4">
        <Fact label="Connected">
          <RelativeTime date={c.connectedAt} />
        </Fact>
        {oauth && (
          <Fact label="Refreshed">
            <RelativeTime date={c.refreshedAt} empty="Not yet" />
          </Fact>
        )}
        {oauth && (
          <Fact label={c.expiresAt && c.expiresAt < new Date() ? "Token expired" : "Token expires"}>
            <RelativeTime date={c.expiresAt} empty="No expiry" />
          </Fact>
        )}
        <Fact label="Last used">
          <RelativeTime date={c.lastUsedAt} />
          {c.lastUsedBy && (
            <span className="block break-words text-xs text-zinc-500">
              by <span className="font-medium text-zinc-700">{c.lastUsedBy.name}</span> <span className="font-mono">{c.lastUsedBy.masked}</span>
            </span>
          )}
        </Fact>
      </dl>

      <Scopes scopes={c.scopes} />

      <div className="mt-4 flex flex-wrap items-center justify-end gap-2 border-t border-zinc-100 pt-3">
        {siblings > 1 && !isEffectiveDefault && <MakeDefaultButton id={c.id} description={description} onDone={onChanged} />}
        {oauth && !needsReauth && <ReconnectForm provider={c.provider} label={`Reconnect ${description}`} />}
        {c.authType === "api_key" && <ReplaceKeyForm provider={c.provider} connectionId={c.id} description={description} />}
        <DisconnectButton connection={c} description={description} onDone={onDisconnected} />
      </div>
    </li>
  );
}
