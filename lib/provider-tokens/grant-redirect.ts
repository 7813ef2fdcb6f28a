/**
 * Where the hosted grant flow sends the browser back: the service's registered redirect URI
 * (exact match, chosen when the request was made), with AuthOS's parameters APPENDED so the
 * service's own query survives. AuthOS defines only success; the error codes are ours
 * (README "Hosted grant flow"):
 *
 * - `access_denied`      the end user refused at the provider
 * - `request_expired`    the 15-minute request lapsed before it was completed
 * - `email_mismatch`     the provider's verified email is not the end user's (service flag on)
 * - `scope_not_granted`  the provider granted fewer scopes than requested
 * - `account_conflict`   the request was bound to one account and another one came back
 * - `user_not_linked`    the end user was unlinked from the service meanwhile
 * - `provider_error`     the provider's answer was invalid or the code exchange failed
 */
export const grantErrorCodes = ["access_denied", "request_expired", "email_mismatch", "scope_not_granted", "account_conflict", "user_not_linked", "provider_error"] as const;
export type GrantErrorCode = (typeof grantErrorCodes)[number];

export function grantRedirect(redirectUri: string, provider: string, clientState: string | null, error?: GrantErrorCode): string {
  const url = new URL(redirectUri);
  url.searchParams.append("provider_grant", error ? "error" : "success");
  if (error) url.searchParams.append("error", error);
  url.searchParams.append("provider", provider);
  if (clientState !== null) url.searchParams.append("state", clientState);
  return url.toString();
}
