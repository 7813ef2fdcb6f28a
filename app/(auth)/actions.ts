"use server";

import { AuthError } from "next-auth";
import { getDb } from "@/db";
import { isSocialProviderId, safeCallbackPath, signIn } from "@/lib/auth";
import { SignInThrottled } from "@/lib/auth/auth";
import { throttledMessage } from "@/lib/users/check-auth-rate";
import { createUser, credentialsSchema } from "@/lib/users/create-user";
import { EMAIL_TAKEN, WRONG_CREDENTIALS, type AuthFormState } from "./messages";

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
  const created = await createUser(await getDb(), parsed.data);
  if (!created.ok) return { fieldErrors: { email: EMAIL_TAKEN }, email };
  return signInWithPassword(parsed.data.email, parsed.data.password, "/dashboard");
}

// Server action: start GitHub/Google sign-in (only providers this instance configured).
export async function socialSignInAction(form: FormData): Promise<void> {
  const provider = field(form, "provider");
  if (!isSocialProviderId(provider)) return;
  await signIn(provider, { redirectTo: safeCallbackPath(form.get("callbackUrl")) });
}
