"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { NewKeyPanel } from "@/components/keys/new-key-panel";
import { buttonGhost, buttonPrimary, card, input, label } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { ErrorLine } from "./error-line";

type Key = { id: string; name: string; prefix: string; permissions: string[]; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null };

/** Service keys: mint (shown once), list by prefix, delete. */
export function ServiceKeysPanel({ orgSlug, serviceSlug, keys, permissions, canManage }: { orgSlug: string; serviceSlug: string; keys: Key[]; permissions: readonly string[]; canManage: boolean }) {
  const router = useRouter();
  const action = useClientAction();
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set(["read:users", "write:users"]));
  const [days, setDays] = useState("");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const ref = { orgSlug, serviceSlug };
  return (
    <section className={`${card} p-5`} aria-labelledby="keys-title">
      <h2 id="keys-title" className="text-sm font-semibold text-zinc-900">
        API keys
      </h2>
      <p className="mt-1 text-sm text-zinc-600">Your backend sends one as X-Api-Key to /api/service/*. Keep it server-side.</p>
      {created && (
        <div className="mt-4">
          <NewKeyPanel name={created.name} secret={created.key} onDismiss={() => setCreated(null)} />
        </div>
      )}
      {canManage && (
        <form
          className="mt-4 space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            action.run(async (api) => {
              const { key } = await api.services.createKey.mutate({ ...ref, name, permissions: [...chosen], expiresInDays: days ? Number(days) : null });
              setCreated({ name, key });
              setName("");
              router.refresh();
            });
          }}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="key-name" className={label}>
                Key name
              </label>
              <input id="key-name" className={`${input} mt-1`} value={name} onChange={(e) => setName(e.target.value)} placeholder="production backend" />
            </div>
            <div>
              <label htmlFor="key-days" className={label}>
                Expires in days (empty: never)
              </label>
              <input id="key-days" inputMode="numeric" className={`${input} mt-1`} value={days} onChange={(e) => setDays(e.target.value)} />
            </div>
          </div>
          <fieldset>
            <legend className={label}>Permissions</legend>
            <div className="mt-1 grid gap-1 sm:grid-cols-3">
              {permissions.map((p) => (
                <label key={p} className="flex items-center gap-2 text-sm text-zinc-700">
                  <input
                    type="checkbox"
                    checked={chosen.has(p)}
                    onChange={() =>
                      setChosen((prev) => {
                        const next = new Set(prev);
                        if (next.has(p)) next.delete(p);
                        else next.add(p);
                        return next;
                      })
                    }
                  />
                  <span className="font-mono text-xs">{p}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className={buttonPrimary} disabled={action.pending}>
            Create key
          </button>
        </form>
      )}
      <ErrorLine error={action.error} />
      <ul className="mt-4 divide-y divide-zinc-100 text-sm" data-testid="service-keys">
        {keys.map((k) => (
          <li key={k.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="min-w-0">
              <span className="font-medium">{k.name}</span> <span className="font-mono text-xs text-zinc-500">{k.prefix}…</span>
              <span className="block text-xs text-zinc-500">
                {k.permissions.join(", ")} · last used {k.lastUsedAt ? k.lastUsedAt.toISOString().slice(0, 10) : "never"} · {k.expiresAt ? `expires ${k.expiresAt.toISOString().slice(0, 10)}` : "no expiry"}
              </span>
            </span>
            {canManage && (
              <button type="button" className={buttonGhost} onClick={() => action.run(async (api) => (await api.services.deleteKey.mutate({ ...ref, id: k.id }), router.refresh()))}>
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
