"use client";

import { useActionState, useState } from "react";
import type { CodeDelivery } from "@/lib/telegram/telegram-login-state";
import type { TelegramLoginView } from "@/lib/telegram/telegram-login-view";

type Props = {
  action: (prev: TelegramLoginView, form: FormData) => Promise<TelegramLoginView>;
  /** This render's CSRF token, sent with every step. */
  csrf: string;
  /** The step read from the stored state, so a reload resumes where the human was. */
  initial: TelegramLoginView;
  /** The "import a session string" form, offered as the secondary way in. */
  importForm: React.ReactNode;
};

const DELIVERY: Record<CodeDelivery, string> = {
  app: "in your Telegram app on another device (a message from “Telegram”)",
  sms: "by SMS",
  call: "by a phone call",
  email: "to your login email",
  word: "by SMS, as a secret word",
  phrase: "by SMS, as a secret phrase",
  other: "",
};

const input = "mt-1 w-full rounded-lg border border-zinc-300 px-3 py-2 font-mono text-sm focus:border-zinc-900 focus:outline-none";
const primary = "w-full rounded-lg bg-zinc-900 px-4 py-2.5 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-60";
const secondary = "text-sm font-medium text-zinc-700 underline underline-offset-2 hover:text-zinc-900 disabled:opacity-60";

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs text-rose-700">
      {message}
    </p>
  );
}

/** Telegram's MTProto login on the hosted page: the code and password go to Akhrot, never through the agent. */
export function TelegramLogin({ action, csrf, initial, importForm }: Props) {
  const [view, submit, pending] = useActionState(action, initial);
  // Kept on the client only, so a rejected number need not be retyped; the server never echoes it.
  const [phone, setPhone] = useState("");
  if (view.step === "done") {
    return (
      <p role="status" className="mt-6 rounded-lg bg-emerald-50 p-4 text-sm text-emerald-800">
        Telegram is connected. You can close this tab.
      </p>
    );
  }
  if (view.step === "closed") {
    return (
      <p role="alert" className="mt-6 rounded-lg bg-rose-50 p-3 text-sm text-rose-800">
        {view.error}
      </p>
    );
  }
  const error = view.error;
  return (
    <>
      <form action={submit} className="mt-6 space-y-4" noValidate aria-busy={pending}>
        <input type="hidden" name="csrf" value={csrf} />
        {view.step === "phone" && (
          <div>
            <label htmlFor="tg-phone" className="block text-sm font-medium text-zinc-800">
              Phone number of your Telegram account
            </label>
            <input
              id="tg-phone"
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              placeholder="+44 7700 900123"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? "tg-error" : "tg-phone-hint"}
              className={input}
            />
            {error ? (
              <FieldError id="tg-error" message={error} />
            ) : (
              <p id="tg-phone-hint" className="mt-1 text-xs text-zinc-500">
                International format, with + and your country code. Telegram will send you a login code.
              </p>
            )}
          </div>
        )}
        {view.step === "code" && (
          <div>
            <p className="text-sm text-zinc-700">
              Telegram sent a login code{DELIVERY[view.via] ? ` ${DELIVERY[view.via]}` : ""} for the number ending in {view.phoneEnding}.
            </p>
            <label htmlFor="tg-code" className="mt-3 block text-sm font-medium text-zinc-800">
              Login code
            </label>
            <input
              key={view.codeExpired ? "expired" : "code"}
              id="tg-code"
              name="code"
              type="text"
              inputMode={view.via === "word" || view.via === "phrase" ? "text" : "numeric"}
              autoComplete="one-time-code"
              spellCheck={false}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? "tg-error" : undefined}
              className={input}
            />
            <FieldError id="tg-error" message={error} />
          </div>
        )}
        {view.step === "password" && (
          <div>
            <p className="text-sm text-zinc-700">This account has two-step verification. Enter its password to finish signing in.</p>
            <label htmlFor="tg-password" className="mt-3 block text-sm font-medium text-zinc-800">
              Two-step verification password
            </label>
            <input
              id="tg-password"
              name="password"
              type="password"
              autoComplete="current-password"
              aria-invalid={Boolean(error)}
              aria-describedby={[error ? "tg-error" : "", view.hint ? "tg-hint" : ""].filter(Boolean).join(" ") || undefined}
              className={input}
            />
            {view.hint && (
              <p id="tg-hint" className="mt-1 text-xs text-zinc-500">
                Your hint: {view.hint}
              </p>
            )}
            <FieldError id="tg-error" message={error} />
          </div>
        )}
        <button type="submit" name="intent" value={view.step} disabled={pending} className={primary}>
          {pending ? "Working…" : view.step === "phone" ? "Send login code" : "Sign in to Telegram"}
        </button>
        {view.step !== "phone" && (
          <div className="flex flex-wrap justify-between gap-3">
            {view.step === "code" && (
              <button type="submit" name="intent" value="resend" disabled={pending} className={secondary}>
                {view.codeExpired ? "Request a new code" : "Send the code again"}
              </button>
            )}
            <button type="submit" name="intent" value="restart" disabled={pending} className={secondary}>
              Use a different number
            </button>
          </div>
        )}
      </form>
      <details className="mt-6 rounded-lg border border-zinc-200 p-4">
        <summary className="cursor-pointer text-sm font-medium text-zinc-800">Import a session string instead</summary>
        <p className="mt-2 text-xs text-zinc-500">Already signed in with GramJS or Telethon? Paste its StringSession; it is stored encrypted.</p>
        {importForm}
      </details>
    </>
  );
}
