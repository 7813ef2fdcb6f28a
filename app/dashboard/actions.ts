"use server";

import { getDb } from "@/db";
import { bumpSessionVersion } from "@/db/queries/users";
import { requireUser, signOut } from "@/lib/auth";
import { resendVerificationEmail, type ResendResult } from "@/lib/users/verify-email";

// Server action: end the dashboard session and go back to the landing page. Auth.js's
// signOut event bumps the session version, so every other session of the user ends too (S9).
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

// Server action: "Sign out everywhere": every session of this account, on every device, ends now.
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireUser();
  await bumpSessionVersion(await getDb(), user.id);
  await signOut({ redirectTo: "/sign-in" });
}

// Server action: the unverified-account banner's "Resend".
export async function resendVerificationAction(): Promise<ResendResult> {
  const user = await requireUser();
  return resendVerificationEmail(await getDb(), user.id);
}
