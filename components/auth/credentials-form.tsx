"use client";

import { useActionState } from "react";
import type { AuthFormState } from "@/app/(auth)/messages";
import { buttonPrimary, input, label } from "@/components/ui/styles";

type Props = {
  mode: "sign-in" | "sign-up";
  action: (prev: AuthFormState, form: FormData) => Promise<AuthFormState>;
  callbackUrl?: string;
  initialError?: string;
};

/** Email + password form for both sign-in and sign-up; errors come back from the server action. */
export function CredentialsForm({ mode, action, callbackUrl, initialError }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: initialError });
  const emailError = state.fieldErrors?.email;
  const passwordError = state.fieldErrors?.password;
  const signUp = mode === "sign-up";

  return (
    <form action={formAction} className="space-y-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {state.error && (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {state.error}
        </p>
      )}
      <div className="space-y-1.5">
        <label htmlFor="email" className={label}>
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : undefined}
          className={input}
          placeholder="you@example.com"
        />
        {emailError && (
          <p id="email-error" role="alert" className="text-sm text-rose-700">
            {emailError}
          </p>
        )}
      </div>
      <div className="space-y-1.5">
        <label htmlFor="password" className={label}>
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={signUp ? "new-password" : "current-password"}
          required
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? "password-error" : signUp ? "password-hint" : undefined}
          className={input}
        />
        {passwordError ? (
          <p id="password-error" role="alert" className="text-sm text-rose-700">
            {passwordError}
          </p>
        ) : (
          signUp && (
            <p id="password-hint" className="text-xs text-zinc-500">
              At least 10 characters.
            </p>
          )
        )}
      </div>
      <button type="submit" disabled={pending} className={`${buttonPrimary} w-full py-2.5`}>
        {pending ? (signUp ? "Creating account…" : "Signing in…") : signUp ? "Create account" : "Sign in"}
      </button>
    </form>
  );
}
