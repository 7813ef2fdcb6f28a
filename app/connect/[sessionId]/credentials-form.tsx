"use client";

import { useActionState } from "react";
import type { SubmitResult } from "@/lib/connect/submit-hosted-credentials";

export type FieldView = { name: string; label: string; secret: boolean; required: boolean; hint?: string; options?: readonly string[] };

type Props = {
  action: (prev: SubmitResult | null, form: FormData) => Promise<SubmitResult>;
  csrf: string;
  fields: FieldView[];
  providerName: string;
  submitLabel?: string;
  /** The "make it the default?" question, when the person already has an account of this provider. */
  choice?: React.ReactNode;
};

/** Paste-a-key form: the secret goes from the human's browser to Akhrot, never through the agent's chat. */
export function CredentialsForm({ action, csrf, fields, providerName, submitLabel, choice }: Props) {
  const [state, submit, pending] = useActionState(action, null);
  if (state?.ok) {
    return (
      <div className="mt-6 rounded-lg bg-emerald-50 p-4 text-sm text-emerald-800">
        <p role="status">
          {providerName} is connected.
          {state.defaultLabel && ` ${state.isDefault ? "Agents that name no account get this one: it is the default." : `Agents that name no account still get ${state.defaultLabel}, the default.`}`} You can close this tab.
        </p>
        <p className="mt-2">
          <a href="/dashboard/connections" className="font-medium underline underline-offset-2">
            Back to your connections
          </a>
        </p>
      </div>
    );
  }
  const errors = state && !state.ok ? state.errors : {};
  return (
    <form action={submit} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="csrf" value={csrf} />
      {fields.map((f) => (
        <div key={f.name}>
          <label htmlFor={`f-${f.name}`} className="block text-sm font-medium text-zinc-800">
            {f.label}
            {!f.required && <span className="font-normal text-zinc-500"> (optional)</span>}
          </label>
          {f.options ? (
            <select id={`f-${f.name}`} name={f.name} className="mt-1 w-full rounded-lg border border-zinc-300 px-3 py-2 text-sm">
              {f.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`f-${f.name}`}
              name={f.name}
              type={f.secret ? "password" : "text"}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={Boolean(errors[f.name])}
              aria-describedby={errors[f.name] ? `e-${f.name}` : f.hint ? `h-${f.name}` : undefined}
              className="mt-1 w-full rounded-lg border border-zinc-300 px-3 py-2 font-mono text-sm focus:border-zinc-900 focus:outline-none"
            />
          )}
          {errors[f.name] ? (
            <p id={`e-${f.name}`} className="mt-1 text-xs text-rose-700">
              {errors[f.name]}
            </p>
          ) : (
            f.hint && (
              <p id={`h-${f.name}`} className="mt-1 text-xs text-zinc-500">
                {f.hint}
              </p>
            )
          )}
        </div>
      ))}
      {choice}
      {errors._form && (
        <p role="alert" className="rounded-lg bg-rose-50 p-3 text-sm text-rose-800">
          {errors._form}
        </p>
      )}
      <button type="submit" disabled={pending} aria-disabled={pending} className="w-full rounded-lg bg-zinc-900 px-4 py-2.5 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-60">
        {pending ? "Connecting…" : (submitLabel ?? `Connect ${providerName}`)}
      </button>
    </form>
  );
}
