import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { SocialButtons } from "@/components/auth/social-buttons";
import { currentUser, safeCallbackPath, socialProviders } from "@/lib/auth";
import { signInAction, socialSignInAction } from "../actions";
import { oauthErrorMessage } from "../messages";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const error = oauthErrorMessage(typeof params.error === "string" ? params.error : undefined);
  const notice = params.reset === "1" ? "Your new password is set, and every other session was signed out. Sign in with it." : undefined;
  // A connect link works only for the account whose agent asked for it: a new account is never the
  // right one, so sign-up is not offered on the way to a link.
  const forLink = /^\/connect\/cs_[0-9A-Za-z]{22}$/.test(callbackUrl);
  return (
    <AuthCard
      title="Sign in to Akhrot"
      subtitle={forLink ? "Your agent sent you a connect link. Sign in with the Akhrot account that agent uses to continue." : "Manage your agents' connections and API keys."}
      footer={forLink ? undefined : { text: "New to Akhrot?", linkLabel: "Create an account", href: "/sign-up" }}
    >
      <CredentialsForm mode="sign-in" action={signInAction} callbackUrl={callbackUrl} initialError={error} initialNotice={notice} />
      <SocialButtons providers={socialProviders()} action={socialSignInAction} callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
