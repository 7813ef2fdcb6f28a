import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { findUserById } from "@/db/queries/users";
import { auth } from "./auth";
import { SIGN_IN_PATH } from "./base-config";

export type SessionUser = { id: string; email: string; name: string | null };

/**
 * The signed-in user, or undefined when there is no session, its user no longer exists
 * (a JWT outlives a deleted account) or the session was ended (session version, S9). Cached per request, so a layout and its page share
 * one lookup.
 */
export const currentUser = cache(async (): Promise<SessionUser | undefined> => {
  const session = (await auth())?.user;
  if (!session?.id) return undefined;
  const user = await findUserById(await getDb(), session.id);
  // The session version is also checked in auth()'s jwt callback; checked again against the
  // row we read anyway, so a session from before a sign-out-everywhere never gets through.
  if (!user || user.sessionVersion !== session.sessionVersion) return undefined;
  return { id: user.id, email: user.email, name: user.name };
});

/** For server components and server actions: the signed-in user, or a redirect to /sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(SIGN_IN_PATH);
  return user;
}
