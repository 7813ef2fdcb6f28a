"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonPrimary, card, input, label } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { ErrorLine } from "./error-line";

/** Name and slug of a new organization; its creator becomes the owner. */
export function CreateOrgForm() {
  const router = useRouter();
  const create = useClientAction();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  return (
    <form
      className={`${card} p-5`}
      onSubmit={(e) => {
        e.preventDefault();
        create.run(async (api) => {
          const created = await api.orgs.create.mutate({ name, slug });
          router.push(`/dashboard/orgs/${created}`);
        });
      }}
    >
      <h2 className="text-sm font-semibold text-zinc-900">New organization</h2>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="org-name" className={label}>
            Name
          </label>
          <input id="org-name" className={`${input} mt-1`} value={name} onChange={(e) => setName(e.target.value)} placeholder="Acme Inc." />
        </div>
        <div>
          <label htmlFor="org-slug" className={label}>
            Slug
          </label>
          <input id="org-slug" className={`${input} mt-1`} value={slug} onChange={(e) => setSlug(e.target.value)} placeholder="acme" />
        </div>
      </div>
      <ErrorLine error={create.error} />
      <button type="submit" className={`${buttonPrimary} mt-4`} disabled={create.pending}>
        Create organization
      </button>
    </form>
  );
}
