import "server-only";
import type { NextApiRequest, NextApiResponse } from "next";
import { getDb } from "@/db";
import { findUserById } from "@/db/queries/users";
import { auth } from "./auth";
import type { SessionUser } from "./require-user";

/**
 * `currentUser()` for a route handler that has its Request: the same Auth.js session check
 * (full config, same callbacks), read from the request's own cookie instead of `next/headers`,
 * so handlers work the same when a test or bench calls them directly. Auth.js's re-issued
 * session cookie is dropped, as in proxy.ts: sessions never roll forward here.
 */
export async function requestUser(req: Request): Promise<SessionUser | undefined> {
  const url = new URL(req.url);
  const headers = new Headers();
  for (const name of ["cookie", "host", "x-forwarded-host", "x-forwarded-proto"]) {
    const value = req.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (!headers.has("host")) headers.set("host", url.host);
  if (!headers.has("x-forwarded-proto")) headers.set("x-forwarded-proto", url.protocol.replace(":", ""));
  // next-auth's "API route" form reads only `req.headers` and appends Set-Cookie to `res.headers`.
  const session = await auth({ headers } as unknown as NextApiRequest, { headers: new Headers() } as unknown as NextApiResponse);
  const id = session?.user?.id;
  if (!id) return undefined;
  const user = await findUserById(await getDb(), id);
  return user ? { id: user.id, email: user.email, name: user.name } : undefined;
}
