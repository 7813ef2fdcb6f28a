"use client";

import { useEffect, useRef, useState } from "react";

type Props = { label: React.ReactNode; pendingLabel: string; className: string; disabled?: boolean } & Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, "type" | "className" | "disabled">;

/**
 * The submit button of a plain form POST (it works before hydration): once the browser submits
 * the form, it turns disabled and says `pendingLabel` until the next page arrives, so a slow
 * provider redirect never looks like a dead click and a second press never starts a second flow.
 * Coming back with the browser's Back button (bfcache) re-enables it.
 */
export function PendingSubmitButton({ label, pendingLabel, className, disabled, ...rest }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    const form = button.current?.form;
    if (!form) return;
    const onSubmit = (e: SubmitEvent) => {
      // The browser's own validation already ran; a handler that cancelled the submit leaves the button usable.
      if (!e.defaultPrevented) setPending(true);
    };
    const onShow = (e: PageTransitionEvent) => e.persisted && setPending(false);
    form.addEventListener("submit", onSubmit);
    window.addEventListener("pageshow", onShow);
    return () => {
      form.removeEventListener("submit", onSubmit);
      window.removeEventListener("pageshow", onShow);
    };
  }, []);
  return (
    <button ref={button} type="submit" disabled={disabled || pending} className={className} {...rest}>
      {pending ? pendingLabel : label}
    </button>
  );
}
