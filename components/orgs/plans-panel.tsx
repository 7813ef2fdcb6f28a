"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonGhost, buttonPrimary, card, input, label } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { ErrorLine } from "./error-line";

type Plan = { id: string; name: string; priceCents: number; currency: string; isDefault: boolean };

/** The service's plans; `free` comes with every service. */
export function PlansPanel({ orgSlug, serviceSlug, plans, canManage }: { orgSlug: string; serviceSlug: string; plans: Plan[]; canManage: boolean }) {
  const router = useRouter();
  const action = useClientAction();
  const [name, setName] = useState("");
  const [price, setPrice] = useState("0");
  const ref = { orgSlug, serviceSlug };
  return (
    <section className={`${card} p-5`} aria-labelledby="plans-title">
      <h2 id="plans-title" className="text-sm font-semibold text-zinc-900">
        Plans
      </h2>
      <ul className="mt-2 divide-y divide-zinc-100 text-sm">
        {plans.map((p) => (
          <li key={p.id} className="flex items-center justify-between gap-2 py-2">
            <span>
              <span className="font-medium">{p.name}</span> · {(p.priceCents / 100).toFixed(2)} {p.currency.toUpperCase()} {p.isDefault && <span className="text-xs text-zinc-500">(default)</span>}
              <span className="block font-mono text-xs text-zinc-500">{p.id}</span>
            </span>
            {canManage && (
              <button type="button" className={buttonGhost} onClick={() => action.run(async (api) => (await api.services.deletePlan.mutate({ ...ref, id: p.id }), router.refresh()))}>
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      {canManage && (
        <form
          className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            action.run(async (api) => (await api.services.createPlan.mutate({ ...ref, name, priceCents: Math.round(Number(price) * 100), currency: "usd" }), setName(""), router.refresh()));
          }}
        >
          <div>
            <label htmlFor="plan-name" className={label}>
              Plan name
            </label>
            <input id="plan-name" className={`${input} mt-1`} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div>
            <label htmlFor="plan-price" className={label}>
              Price (USD)
            </label>
            <input id="plan-price" inputMode="decimal" className={`${input} mt-1`} value={price} onChange={(e) => setPrice(e.target.value)} />
          </div>
          <button type="submit" className={buttonPrimary} disabled={action.pending}>
            Add plan
          </button>
        </form>
      )}
      <ErrorLine error={action.error} />
    </section>
  );
}
