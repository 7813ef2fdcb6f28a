"use server";

import { signOut } from "@/lib/auth";

// Server action: end the dashboard session and go back to the landing page.
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
