export type AuthFormState = {
  error?: string;
  fieldErrors?: { email?: string; password?: string };
  email?: string;
};

export const WRONG_CREDENTIALS = "Wrong email or password.";
export const EMAIL_TAKEN = "An account with this email already exists.";

/** Auth.js redirects OAuth failures to /sign-in?error=<type>. */
export function oauthErrorMessage(type: string | undefined): string | undefined {
  if (!type) return undefined;
  if (type === "OAuthAccountNotLinked") return "This email already has an Akhrot account. Sign in with your email and password.";
  if (type === "AccessDenied") return "Sign-in was cancelled.";
  if (type === "CredentialsSignin") return WRONG_CREDENTIALS;
  return "Sign-in failed. Please try again.";
}
