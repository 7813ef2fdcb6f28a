"use server";

import { AuthError } from "next-auth";
import { getDb } from "@/db";
import { isSocialProviderId, safeCallbackPath, signIn } from "@/lib/auth";
import { SignInThrottled } from "@/lib/auth/auth";
import { throttledMessage } from "@/lib/users/check-auth-rate";
import { headers } from "next/headers";
import { clientIp } from "@/lib/api/client-ip";
import { credentialsSchema } from "@/lib/users/create-user";
import { requestPasswordReset, resetPassword } from "@/lib/users/reset-password";
import { signUp } from "@/lib/users/sign-up";
import { signUpClosedMessage } from "@/lib/users/sign-up-policy";
import { redirect } from "next/navigation";
import { CHECK_INBOX, EMAIL_TAKEN, RESET_SENT, WRONG_CREDENTIALS, type AuthFormState } from "./messages";

function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

/** Sign in with the credentials provider; AuthError means wrong email or password. A success throws Next's redirect. */
async function signInWithPassword(email: string, password: string, redirectTo: string): Promise<AuthFormState> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (err) {
    if (err instanceof SignInThrottled || (err instanceof AuthError && "code" in err && err.code === "rate_limited")) return { error: throttledMessage("sign-in"), email };
    if (err instanceof AuthError) return { error: WRONG_CREDENTIALS, email };
    throw err;
  }
  return {};
}

// Server action: sign in with email + password (one message for an unknown email and a wrong password).
export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = field(form, "email").trim();
  const password = field(form, "password");
  if (!email || !password) return { error: WRONG_CREDENTIALS, email };
  return signInWithPassword(email, password, safeCallbackPath(form.get("callbackUrl")));
}

// Server action: create an account, then sign in.
export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = credentialsSchema.safeParse({ email: field(form, "email"), password: field(form, "password") });
  const email = field(form, "email").trim();
  if (!parsed.success) {
    const fieldErrors: AuthFormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if ((key === "email" || key === "password") && !fieldErrors[key]) fieldErrors[key] = issue.message;
    }
    return { fieldErrors, email };
  }
  const result = await signUp(await getDb(), parsed.data, clientIp(await headers()));
  if (result.status === "closed") return { error: signUpClosedMessage(), email };
  if (result.status === "throttled") return { error: throttledMessage("sign-up", result.minutes), email };
  if (result.status === "email_taken") return { fieldErrors: { email: EMAIL_TAKEN }, email };
  if (result.status === "check_inbox") return { notice: CHECK_INBOX, email };
  return signInWithPassword(parsed.data.email, parsed.data.password, "/dashboard");
}

// Server action: "Forgot password?": the same answer whether or not the address has an account.
export async function forgotPasswordAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = field(form, "email").trim();
  if (!email) return { fieldErrors: { email: "Enter your email address." }, email };
  const result = await requestPasswordReset(await getDb(), email, clientIp(await headers()));
  if (result === "unavailable") return { error: "Password reset by e-mail is not set up on this instance. Ask its operator to set a new password for you.", email };
  if (result === "throttled") return { error: throttledMessage("password-reset"), email };
  return { notice: RESET_SENT, email };
}

// Server action: "Set a new password" from a reset link; every session of the account ends.
export async function resetPasswordAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const result = await resetPassword(await getDb(), field(form, "token"), field(form, "password"));
  if (!result.ok) return result.field === "password" ? { fieldErrors: { password: result.message } } : { error: result.message };
  redirect("/sign-in?reset=1");
}

// Server action: start GitHub/Google sign-in (only providers this instance configured).
export async function socialSignInAction(form: FormData): Promise<void> {
  const provider = field(form, "provider");
  if (!isSocialProviderId(provider)) return;
  await signIn(provider, { redirectTo: safeCallbackPath(form.get("callbackUrl")) });
}
