import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { SocialButtons } from "@/components/auth/social-buttons";
import { currentUser, socialProviders } from "@/lib/auth";
import { signUpAllowed, signUpClosedMessage } from "@/lib/users/sign-up-policy";
import { signUpAction, socialSignInAction } from "../actions";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await currentUser()) redirect("/dashboard");
  return (
    <AuthCard
      title="Create your account"
      subtitle="Connect your accounts once; your agents fetch fresh credentials."
      footer={{ text: "Already have an account?", linkLabel: "Sign in", href: "/sign-in" }}
    >
      {signUpAllowed("form") ? (
        <>
          <CredentialsForm mode="sign-up" action={signUpAction} />
          <SocialButtons providers={socialProviders()} action={socialSignInAction} />
        </>
      ) : (
        <p role="status" className="rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">
          {signUpClosedMessage()}
        </p>
      )}
    </AuthCard>
  );
}
