"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { AuthFormState } from "@/app/(auth)/messages";
import { buttonPrimary, input, label } from "@/components/ui/styles";

type Mode = "sign-in" | "sign-up" | "forgot" | "reset";
type Props = {
  mode: Mode;
  action: (prev: AuthFormState, form: FormData) => Promise<AuthFormState>;
  callbackUrl?: string;
  initialError?: string;
  initialNotice?: string;
  /** The reset link's secret (mode "reset"). */
  token?: string;
};

const SUBMIT: Record<Mode, [idle: string, busy: string]> = {
  "sign-in": ["Sign in", "Signing in…"],
  "sign-up": ["Create account", "Creating account…"],
  forgot: ["Send reset link", "Sending…"],
  reset: ["Set new password", "Saving…"],
};

/** The email/password forms (sign-in, sign-up, forgot and reset password); errors come back from the server action. */
export function CredentialsForm({ mode, action, callbackUrl, initialError, initialNotice, token }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: initialError, notice: initialNotice });
  const emailError = state.fieldErrors?.email;
  const passwordError = state.fieldErrors?.password;
  const newPassword = mode === "sign-up" || mode === "reset";

  return (
    <form action={formAction} className="space-y-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {token && <input type="hidden" name="token" value={token} />}
      {state.notice && (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {state.notice}
        </p>
      )}
      {state.error && (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {state.error}
        </p>
      )}
      {mode !== "reset" && (
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
      )}
      {mode !== "forgot" && (
        <div className="space-y-1.5">
          <div className="flex items-baseline justify-between gap-3">
            <label htmlFor="password" className={label}>
              {mode === "reset" ? "New password" : "Password"}
            </label>
            {mode === "sign-in" && (
              <Link href="/forgot-password" className="text-xs font-medium text-zinc-600 underline-offset-4 hover:text-zinc-900 hover:underline">
                Forgot password?
              </Link>
            )}
          </div>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete={newPassword ? "new-password" : "current-password"}
            required
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? "password-error" : newPassword ? "password-hint" : undefined}
            className={input}
          />
          {passwordError ? (
            <p id="password-error" role="alert" className="text-sm text-rose-700">
              {passwordError}
            </p>
          ) : (
            newPassword && (
              <p id="password-hint" className="text-xs text-zinc-500">
                At least 10 characters.
              </p>
            )
          )}
        </div>
      )}
      <button type="submit" disabled={pending} className={`${buttonPrimary} w-full py-2.5`}>
        {pending ? SUBMIT[mode][1] : SUBMIT[mode][0]}
      </button>
    </form>
  );
}
