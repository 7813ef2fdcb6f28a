"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonGhost, buttonPrimary, card, input, label } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { ErrorLine } from "./error-line";

type Provider = { provider: string; enabled: boolean; scopes: string[] };

/** Name, redirect URIs and the per-provider scope allow-lists. */
export function ServiceSettingsPanel(props: { orgSlug: string; serviceSlug: string; name: string; redirectUris: string[]; providers: Provider[]; providerCodes: readonly string[]; canManage: boolean }) {
  const router = useRouter();
  const action = useClientAction();
  const [name, setName] = useState(props.name);
  const [uris, setUris] = useState(props.redirectUris.join("\n"));
  const [provider, setProvider] = useState(props.providerCodes[0] ?? "");
  const [scopes, setScopes] = useState("");
  const ref = { orgSlug: props.orgSlug, serviceSlug: props.serviceSlug };
  const disabled = !props.canManage || action.pending;
  return (
    <section className={`${card} p-5`} aria-labelledby="settings-title">
      <h2 id="settings-title" className="text-sm font-semibold text-zinc-900">
        Settings
      </h2>
      <form
        className="mt-3 space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          action.run(async (api) => (await api.services.update.mutate({ ...ref, name, redirectUris: uris.split("\n").map((u) => u.trim()).filter(Boolean) }), router.refresh()));
        }}
      >
        <div>
          <label htmlFor="set-name" className={label}>
            Name
          </label>
          <input id="set-name" className={`${input} mt-1`} value={name} onChange={(e) => setName(e.target.value)} disabled={!props.canManage} />
        </div>
        <div>
          <label htmlFor="set-uris" className={label}>
            Redirect URIs (exact match; one per line)
          </label>
          <textarea id="set-uris" rows={3} className={`${input} mt-1 font-mono text-xs`} value={uris} onChange={(e) => setUris(e.target.value)} disabled={!props.canManage} />
        </div>
        {props.canManage && (
          <button type="submit" className={buttonPrimary} disabled={disabled}>
            Save settings
          </button>
        )}
      </form>
      <h3 className="mt-6 text-sm font-semibold text-zinc-900">Providers and scopes</h3>
      <ul className="mt-2 divide-y divide-zinc-100 text-sm" data-testid="service-providers">
        {props.providers.length === 0 && <li className="py-2 text-zinc-600">No provider configured: end users cannot grant this service any connection yet.</li>}
        {props.providers.map((p) => (
          <li key={p.provider} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <span className="font-medium">{p.provider}</span> {p.enabled ? "" : <span className="text-zinc-500">(disabled)</span>}
              <span className="block font-mono text-xs text-zinc-500">{p.scopes.join(" ") || "no scopes"}</span>
            </span>
            {props.canManage && (
              <span className="flex gap-1">
                <button type="button" className={buttonGhost} onClick={() => action.run(async (api) => (await api.services.configureProvider.mutate({ ...ref, provider: p.provider, enabled: !p.enabled, scopes: p.scopes }), router.refresh()))}>
                  {p.enabled ? "Disable" : "Enable"}
                </button>
                <button type="button" className={buttonGhost} onClick={() => action.run(async (api) => (await api.services.removeProvider.mutate({ ...ref, provider: p.provider }), router.refresh()))}>
                  Remove
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {props.canManage && (
        <form
          className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            action.run(async (api) => (await api.services.configureProvider.mutate({ ...ref, provider, enabled: true, scopes: scopes.split(/[\s,]+/).filter(Boolean) }), setScopes(""), router.refresh()));
          }}
        >
          <div>
            <label htmlFor="prov-code" className={label}>
              Provider
            </label>
            <select id="prov-code" className={`${input} mt-1`} value={provider} onChange={(e) => setProvider(e.target.value)}>
              {props.providerCodes.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </div>
          <div className="flex-1">
            <label htmlFor="prov-scopes" className={label}>
              Allowed scopes (space or comma separated)
            </label>
            <input id="prov-scopes" className={`${input} mt-1 font-mono text-xs`} value={scopes} onChange={(e) => setScopes(e.target.value)} />
          </div>
          <button type="submit" className={buttonPrimary} disabled={disabled}>
            Save provider
          </button>
        </form>
      )}
      <ErrorLine error={action.error} />
    </section>
  );
}
