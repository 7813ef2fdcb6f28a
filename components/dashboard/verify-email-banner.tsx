"use client";

import { useActionState } from "react";
import { buttonSecondary } from "@/components/ui/styles";

type ResendResult = "sent" | "already_verified" | "throttled";
type Props = { email: string; resend: () => Promise<ResendResult> };

const ANSWER: Record<ResendResult, string> = {
  sent: "Sent. Check your inbox (and the spam folder).",
  already_verified: "Your address is already confirmed. Reload the page.",
  throttled: "We sent several links already. Try again in an hour.",
};

/** Shown until the account's address is confirmed: until then it cannot mint keys or complete connect links. */
export function VerifyEmailBanner({ email, resend }: Props) {
  const [state, action, pending] = useActionState<ResendResult | undefined>(() => resend(), undefined);
  return (
    <div role="region" aria-label="Confirm your e-mail address" className="mb-8 rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 sm:flex sm:items-center sm:justify-between sm:gap-4">
      <p>
        <strong className="font-semibold">Confirm your e-mail address.</strong> We sent a link to <span className="break-all font-medium">{email}</span>. Until you open it,
        this account cannot create agent keys or finish connecting accounts.
        {state && (
          <span role="status" className="mt-1 block text-amber-900">
            {ANSWER[state]}
          </span>
        )}
      </p>
      <form action={action} className="mt-3 flex-none sm:mt-0">
        <button type="submit" disabled={pending} className={buttonSecondary}>
          {pending ? "Sending…" : "Resend link"}
        </button>
      </form>
    </div>
  );
}
