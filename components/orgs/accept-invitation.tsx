"use client";

import { useRouter } from "next/navigation";
import { buttonPrimary } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";
import { ErrorLine } from "./error-line";

/** The explicit accept step: who joins, which org, which role. */
export function AcceptInvitation({ token, orgName, role, email }: { token: string; orgName: string; role: string; email: string }) {
  const router = useRouter();
  const action = useClientAction();
  return (
    <div>
      <p className="text-sm text-zinc-700">
        You are signed in as <strong>{email}</strong>. Accepting makes you {role === "admin" ? "an" : "a"} <strong>{role}</strong> of <strong>{orgName}</strong>.
      </p>
      <button
        type="button"
        className={`${buttonPrimary} mt-4 w-full`}
        disabled={action.pending}
        onClick={() =>
          action.run(async (api) => {
            const joined = await api.orgs.acceptInvitation.mutate({ token });
            router.push(`/dashboard/orgs/${joined.slug}`);
          })
        }
      >
        Accept invitation
      </button>
      <ErrorLine error={action.error} />
    </div>
  );
}
