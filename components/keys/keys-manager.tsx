"use client";

import { useState } from "react";
import type { KeyListItem } from "@/lib/trpc/routers/api-keys";
import { CreateKeyForm, type ProviderOption } from "./create-key-form";
import { KeysTable } from "./keys-table";
import { NewKeyPanel } from "./new-key-panel";

type Props = { keys: KeyListItem[]; providers: ProviderOption[] };

/**
 * The /dashboard/keys page body: create form, the once-only new key, the list. The list comes
 * from the server render; create and revoke refresh the route to get it again.
 */
export function KeysManager({ keys, providers }: Props) {
  // The plaintext key exists only here, in memory, until dismissed or the page is left.
  const [revealed, setRevealed] = useState<{ name: string; key: string } | null>(null);
  const active = keys.filter((k) => !k.revokedAt).length;

  return (
    <div className="space-y-8">
      {revealed && <NewKeyPanel name={revealed.name} secret={revealed.key} onDismiss={() => setRevealed(null)} />}
      <CreateKeyForm providers={providers} onCreated={setRevealed} />
      <section aria-labelledby="keys-title">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 id="keys-title" className="text-base font-semibold text-zinc-900">
            Your keys
          </h2>
          <p className="text-sm text-zinc-500">{keys.length === 0 ? "" : `${active} active of ${keys.length}`}</p>
        </div>
        <KeysTable keys={keys} />
      </section>
    </div>
  );
}
