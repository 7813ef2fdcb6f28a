import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { getDb } from "@/db";
import { emailTokenUsable } from "@/lib/users/email-token";
import { RESET_LINK_INVALID } from "@/lib/users/reset-password";
import { resetPasswordAction } from "../actions";

export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Opening the link only looks at it (mail scanners prefetch links); the form's POST uses it.
export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  const usable = await emailTokenUsable(await getDb(), "reset-password", token);
  return (
    <AuthCard
      title="Set a new password"
      subtitle="Choose a new password for your Akhrot account. Every device signed in to it will be signed out."
      footer={{ text: "Remembered it?", linkLabel: "Sign in", href: "/sign-in" }}
    >
      {usable && typeof token === "string" ? (
        <CredentialsForm mode="reset" action={resetPasswordAction} token={token} />
      ) : (
        <div className="space-y-4">
          <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {RESET_LINK_INVALID}
          </p>
          <Link href="/forgot-password" className="text-sm font-medium text-zinc-900 underline underline-offset-4">
            Send a new link
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
