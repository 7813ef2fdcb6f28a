"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonPrimary, card, input, label } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { expiryLabels, expiryPresets, isExpiryPreset, type ExpiryPreset } from "@/lib/trpc/key-expiry";

export type ProviderOption = { code: string; name: string };

type Props = { providers: ProviderOption[]; onCreated: (created: { name: string; key: string }) => void };

function tomorrow(): string {
  const d = new Date(Date.now() + 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Name, expiry and provider allow-list for a new agent key. */
export function CreateKeyForm({ providers, onCreated }: Props) {
  const router = useRouter();
  const create = useClientAction();
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState<ExpiryPreset | "custom">("never");
  const [customDate, setCustomDate] = useState("");
  const [restricted, setRestricted] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [formError, setFormError] = useState<string | null>(null);

  function toggle(code: string) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  }

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    create.reset();
    if (!name.trim()) return setFormError("Give the key a name.");
    if (restricted && selected.size === 0) return setFormError("Pick at least one provider, or allow all providers.");
    let expiryValue: ExpiryPreset | Date = "never";
    if (expiry === "custom") {
      if (!customDate) return setFormError("Pick an expiry date.");
      // The end of the chosen day, in the browser's time zone.
      expiryValue = new Date(`${customDate}T23:59:59`);
    } else {
      expiryValue = expiry;
    }
    const input = { name: name.trim(), expiry: expiryValue, providers: restricted ? [...selected] : undefined };
    create.run(async (api) => {
      const created = await api.apiKeys.create.mutate(input);
      onCreated({ name: created.name, key: created.key });
      setName("");
      setExpiry("never");
      setCustomDate("");
      setRestricted(false);
      setSelected(new Set());
      router.refresh(); // the page lists the keys: its server render brings the new one
    });
  }

  // The form's own checks first, else the server's (a zod message such as "Name must be at most 80 characters.").
  const error = formError ?? (create.error ? (create.error.data?.issues?.[0] ?? create.error.message) : null);

  return (
    <form onSubmit={submit} className={`${card} p-5 sm:p-6`} aria-labelledby="create-key-title" noValidate>
      <h2 id="create-key-title" className="text-base font-semibold text-zinc-900">
        Create a key
      </h2>
      <p className="mt-1 text-sm text-zinc-600">Give each agent its own key, so you can see what it does and revoke it alone.</p>

      <div className="mt-5 grid gap-4 sm:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor="key-name" className={label}>
            Name
          </label>
          <input
            id="key-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            required
            placeholder="e.g. Claude on my laptop"
            className={input}
            autoComplete="off"
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="key-expiry" className={label}>
            Expires
          </label>
          <div className="flex gap-2">
            <select
              id="key-expiry"
              value={expiry}
              onChange={(e) => setExpiry(isExpiryPreset(e.target.value) ? e.target.value : "custom")}
              className={`${input} pr-8`}
            >
              {expiryPresets.map((p) => (
                <option key={p} value={p}>
                  {p === "never" ? "Never" : `In ${expiryLabels[p]}`}
                </option>
              ))}
              <option value="custom">On a date…</option>
            </select>
            {expiry === "custom" && (
              <>
                <label htmlFor="key-expiry-date" className="sr-only">
                  Expiry date
                </label>
                <input id="key-expiry-date" type="date" min={tomorrow()} value={customDate} onChange={(e) => setCustomDate(e.target.value)} className={input} />
              </>
            )}
          </div>
        </div>
      </div>

      <fieldset className="mt-5">
        <legend className={label}>Provider access</legend>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:gap-6">
          <label className="flex items-center gap-2 text-sm text-zinc-800">
            <input type="radio" name="access" checked={!restricted} onChange={() => setRestricted(false)} className="h-4 w-4 accent-zinc-900" />
            All providers
          </label>
          <label className="flex items-center gap-2 text-sm text-zinc-800">
            <input type="radio" name="access" checked={restricted} onChange={() => setRestricted(true)} className="h-4 w-4 accent-zinc-900" />
            Only selected providers
          </label>
        </div>
        {restricted && (
          <div className="mt-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3">
            <p className="mb-2 text-xs text-zinc-500" aria-live="polite">
              {selected.size === 0 ? "None selected" : `${selected.size} selected`}
            </p>
            <ul className="grid max-h-72 grid-cols-1 gap-x-4 gap-y-1 overflow-y-auto sm:max-h-none sm:grid-cols-2 lg:grid-cols-3" aria-label="Providers this key may use">
              {providers.map((p) => (
                <li key={p.code}>
                  <label className="flex items-center gap-2 rounded-md px-1.5 py-1 text-sm text-zinc-800 hover:bg-white">
                    <input type="checkbox" checked={selected.has(p.code)} onChange={() => toggle(p.code)} className="h-4 w-4 accent-zinc-900" />
                    <span>{p.name}</span>
                    <span className="font-mono text-xs text-zinc-500">{p.code}</span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        )}
      </fieldset>

      {error && (
        <p role="alert" className="mt-4 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error}
        </p>
      )}

      <div className="mt-5 flex justify-end">
        <button type="submit" disabled={create.pending} className={buttonPrimary}>
          {create.pending ? "Creating…" : "Create key"}
        </button>
      </div>
    </form>
  );
}
