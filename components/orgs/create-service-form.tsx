"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonPrimary, card, input, label } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { ErrorLine } from "./error-line";

const TYPES = ["web", "mobile", "desktop", "api"] as const;

/** A new service: slug, name, type, redirect URIs (one per line). */
export function CreateServiceForm({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const action = useClientAction();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [type, setType] = useState<(typeof TYPES)[number]>("web");
  const [uris, setUris] = useState("");
  return (
    <form
      className={`${card} p-5`}
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async (api) => {
          const created = await api.services.create.mutate({ orgSlug, slug, name, serviceType: type, redirectUris: uris.split("\n").map((u) => u.trim()).filter(Boolean) });
          router.push(`/dashboard/orgs/${orgSlug}/services/${created}`);
        });
      }}
    >
      <h2 className="text-sm font-semibold text-zinc-900">New service</h2>
      <div className="mt-3 grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="svc-name" className={label}>
            Name
          </label>
          <input id="svc-name" className={`${input} mt-1`} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="svc-slug" className={label}>
            Slug
          </label>
          <input id="svc-slug" className={`${input} mt-1`} value={slug} onChange={(e) => setSlug(e.target.value)} />
        </div>
        <div>
          <label htmlFor="svc-type" className={label}>
            Type
          </label>
          <select id="svc-type" className={`${input} mt-1`} value={type} onChange={(e) => setType(e.target.value as typeof type)}>
            {TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
      </div>
      <label htmlFor="svc-uris" className={`${label} mt-3`}>
        Redirect URIs (one per line; https, or http on localhost)
      </label>
      <textarea id="svc-uris" rows={2} className={`${input} mt-1 font-mono text-xs`} value={uris} onChange={(e) => setUris(e.target.value)} />
      <ErrorLine error={action.error} />
      <button type="submit" className={`${buttonPrimary} mt-4`} disabled={action.pending}>
        Create service
      </button>
    </form>
  );
}
