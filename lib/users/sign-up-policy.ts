import { env } from "@/lib/env";

/** How an account comes to exist: the public form, an organization invitation, or the operator CLI. */
export type SignUpVia = "form" | "invitation" | "cli";

/**
 * AKHROT_SIGNUP decides who may create an account:
 * - open: anyone, through the form (the development default);
 * - invite: the form only for an address holding an invitation (`invited`), plus invitations
 *   and the CLI (the production default);
 * - closed: no form at all; the operator CLI and invitations only.
 * GitHub/Google sign-in creating a new account counts as the form.
 */
export function signUpAllowed(via: SignUpVia, opts: { invited?: boolean } = {}): boolean {
  if (via !== "form") return true;
  const mode = env().AKHROT_SIGNUP;
  return mode === "open" || (mode === "invite" && opts.invited === true);
}

export function signUpClosedMessage(): string {
  return env().AKHROT_SIGNUP === "closed"
    ? "This Akhrot instance does not take new accounts. Ask its operator for one."
    : "This Akhrot instance is invitation-only. Ask someone in your organization for an invitation.";
}
