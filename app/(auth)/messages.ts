export type AuthFormState = {
  error?: string;
  /** A success that needs no redirect, e.g. "check your inbox". */
  notice?: string;
  fieldErrors?: { email?: string; password?: string };
  email?: string;
};

export const WRONG_CREDENTIALS = "Wrong email or password.";
export const EMAIL_TAKEN = "An account with this email already exists.";
export const CHECK_INBOX = "Check your inbox: we sent a link to confirm your address. (If the address already has an account, the message says so.)";
export const RESET_SENT = "If an account uses that address, we sent it a link to set a new password. The link works for 30 minutes.";

/** Auth.js redirects OAuth failures to /sign-in?error=<type>. */
export function oauthErrorMessage(type: string | undefined): string | undefined {
  if (!type) return undefined;
  if (type === "OAuthAccountNotLinked") return "This email already has an Akhrot account. Sign in with your email and password.";
  if (type === "AccessDenied") return "Sign-in was cancelled.";
  if (type === "CredentialsSignin") return WRONG_CREDENTIALS;
  if (type === "VerificationLinkInvalid") return "This confirmation link has expired or was already used. Sign in to send a new one.";
  if (type === "AccountNotCreated") return "This Akhrot instance does not take new accounts through GitHub or Google sign-in.";
  return "Sign-in failed. Please try again.";
}
