"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonPrimary, card, input, label } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";

type Props = { orgSlug?: string; eventTypes: string[]; onCreated: (created: { url: string; secret: string }) => void };

/** The receiver's URL and the events it wants; the secret comes back once. */
export function CreateEndpointForm({ orgSlug, eventTypes, onCreated }: Props) {
  const router = useRouter();
  const create = useClientAction();
  const [url, setUrl] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set(["connection.needs_reauth"]));
  const [formError, setFormError] = useState<string | null>(null);

  function toggle(type: string) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });
  }

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    create.reset();
    if (!url.trim()) return setFormError("Enter the receiver's URL.");
    if (selected.size === 0) return setFormError("Pick at least one event.");
    create.run(async (api) => {
      const created = await api.webhooks.create.mutate({ orgSlug, url: url.trim(), events: [...selected] });
      onCreated({ url: created.endpoint.url, secret: created.secret });
      setUrl("");
      router.refresh();
    });
  }

  const error = formError ?? create.error?.message ?? null;
  return (
    <form onSubmit={submit} className={`${card} space-y-4 p-5`} aria-labelledby="add-endpoint-title" noValidate>
      <h2 id="add-endpoint-title" className="text-base font-semibold text-zinc-900">
        Add an endpoint
      </h2>
      <div>
        <label htmlFor="webhook-url" className={label}>
          Receiver URL
        </label>
        <input id="webhook-url" type="url" inputMode="url" autoComplete="off" placeholder="https://example.com/webhooks/akhrot" value={url} onChange={(e) => setUrl(e.target.value)} className={`${input} mt-1`} aria-invalid={Boolean(error) && !url.trim()} />
        <p className="mt-1 text-xs text-zinc-600">Akhrot POSTs signed JSON (Standard Webhooks) to it; private addresses are refused.</p>
      </div>
      <fieldset>
        <legend className={label}>Events</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {eventTypes.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm text-zinc-800">
              <input type="checkbox" checked={selected.has(type)} onChange={() => toggle(type)} className="h-4 w-4 rounded border-zinc-300" />
              <code className="font-mono text-xs">{type}</code>
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
      <button type="submit" className={buttonPrimary} disabled={create.pending}>
        {create.pending ? "Adding…" : "Add endpoint"}
      </button>
    </form>
  );
}
