import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { forgotPasswordAction } from "../actions";

export const metadata: Metadata = { title: "Forgot password" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return (
    <AuthCard
      title="Forgot your password?"
      subtitle="Enter your account's email address and we'll send you a link to set a new one."
      footer={{ text: "Remembered it?", linkLabel: "Sign in", href: "/sign-in" }}
    >
      <CredentialsForm mode="forgot" action={forgotPasswordAction} />
    </AuthCard>
  );
}
