import "server-only";
import { headers } from "next/headers";
import type { Db } from "@/db";
import { requestOrigin } from "@/lib/auth/request-origin";
import { currentUser } from "@/lib/auth/require-user";
import { checkLinkPost, LINK_POST_REFUSALS } from "@/lib/connect/check-link-post";
import { LINK_CSRF_FIELD } from "@/lib/connect/link-csrf";
import { env } from "@/lib/env";

/**
 * The server actions' side of checkLinkPost (the paste form and each Telegram step): their
 * request headers come from next/headers, their token from the posted form. Returns the
 * message to show when refused, undefined when the post may proceed.
 */
export async function guardLinkPost(db: Db, sessionId: string, form: FormData): Promise<string | undefined> {
  const base = await requestOrigin();
  const request = new Request(`${base}/connect/${encodeURIComponent(sessionId)}`, { method: "POST", headers: new Headers(await headers()) });
  const check = await checkLinkPost(db, { request, sessionId, csrfField: form.get(LINK_CSRF_FIELD), baseUrl: base, appUrl: env().APP_URL, visitorUserId: (await currentUser())?.id });
  return check.ok ? undefined : LINK_POST_REFUSALS[check.reason];
}
