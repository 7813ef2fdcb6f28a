"use client";

import { useRouter } from "next/navigation";
import { buttonGhost } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { ErrorLine } from "./error-line";

/** Withdraw one end user's grant to this service; the backend's next provider-tokens call then answers PROVIDER_GRANT_REQUIRED. */
export function RevokeGrantButton(props: { orgSlug: string; serviceSlug: string; grantId: string; provider: string; email: string }) {
  const router = useRouter();
  const action = useClientAction();
  return (
    <>
      <button
        type="button"
        className={buttonGhost}
        disabled={action.pending}
        aria-label={`Revoke ${props.provider} grant of ${props.email}`}
        onClick={() => action.run(async (api) => (await api.services.revokeGrant.mutate({ orgSlug: props.orgSlug, serviceSlug: props.serviceSlug, grantId: props.grantId }), router.refresh()))}
      >
        Revoke
      </button>
      <ErrorLine error={action.error} />
    </>
  );
}
