"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { buttonGhost } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { ErrorLine } from "./error-line";

type Props = { orgSlug: string; serviceSlug: string; grantId: string; connectionId: string; provider: string; email: string };

/**
 * An admin's two actions on one end user's connection: Revoke withdraws this service's grant (the
 * backend's next provider-tokens call answers PROVIDER_GRANT_REQUIRED); Disconnect, after a second
 * press, revokes the account at the provider and deletes it (PROVIDER_LINK_REQUIRED).
 */
export function RevokeGrantButton(props: Props) {
  const router = useRouter();
  const action = useClientAction();
  const [confirming, setConfirming] = useState(false);
  const ref = { orgSlug: props.orgSlug, serviceSlug: props.serviceSlug };
  return (
    <>
      <button
        type="button"
        className={buttonGhost}
        disabled={action.pending}
        aria-label={`Revoke ${props.provider} grant of ${props.email}`}
        onClick={() => action.run(async (api) => (await api.services.revokeGrant.mutate({ ...ref, grantId: props.grantId }), router.refresh()))}
      >
        Revoke
      </button>
      <button
        type="button"
        className={buttonGhost}
        disabled={action.pending}
        aria-label={confirming ? `Confirm disconnect of ${props.provider} account of ${props.email}` : `Disconnect ${props.provider} account of ${props.email}`}
        onClick={() =>
          confirming
            ? action.run(async (api) => (await api.services.disconnectEndUserAccount.mutate({ ...ref, connectionId: props.connectionId }), setConfirming(false), router.refresh()))
            : setConfirming(true)
        }
      >
        {confirming ? "Confirm disconnect" : "Disconnect"}
      </button>
      <ErrorLine error={action.error} />
    </>
  );
}
