"use client";

import { useState } from "react";
import { NewKeyPanel } from "@/components/keys/new-key-panel";
import type { DeliveryLogRow } from "@/db/queries/webhooks";
import type { EndpointView } from "@/lib/webhooks/manage-endpoints";
import { CreateEndpointForm } from "./create-endpoint-form";
import { EndpointCard } from "./endpoint-card";

export type EndpointWithLog = EndpointView & { deliveries: DeliveryLogRow[] };
type Props = { orgSlug?: string; endpoints: EndpointWithLog[]; eventTypes: string[] };

/**
 * A Webhooks page body (a person's, or an organization's with orgSlug): the once-only secret,
 * the add form, and each endpoint with its actions and delivery log. The list comes from the
 * server render; every action refreshes the route to get it again.
 */
export function WebhooksManager({ orgSlug, endpoints, eventTypes }: Props) {
  // The signing secret exists only here, in memory, until dismissed or the page is left.
  const [revealed, setRevealed] = useState<{ url: string; secret: string } | null>(null);
  return (
    <div className="space-y-8">
      {revealed && (
        <NewKeyPanel
          name={revealed.url}
          secret={revealed.secret}
          onDismiss={() => setRevealed(null)}
          wording={{
            title: "Signing secret of the new endpoint",
            note: `Give it to the receiver at ${revealed.url} to verify signatures (standardwebhooks). It will not be shown again; if you lose it, delete the endpoint and add it again.`,
            inputLabel: "Webhook signing secret",
            copyLabel: "Copy secret",
          }}
        />
      )}
      <CreateEndpointForm orgSlug={orgSlug} eventTypes={eventTypes} onCreated={setRevealed} />
      <section aria-labelledby="endpoints-title">
        <h2 id="endpoints-title" className="mb-3 text-base font-semibold text-zinc-900">
          Endpoints
        </h2>
        {endpoints.length === 0 ? (
          <p className="text-sm text-zinc-600">No endpoints yet. Add one above to hear about connections that need re-authorization, new grants and keys.</p>
        ) : (
          <ul className="space-y-4" data-testid="webhook-endpoints">
            {endpoints.map((e) => (
              <li key={e.id}>
                <EndpointCard orgSlug={orgSlug} endpoint={e} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
