"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { DEFAULT_CHOICE_FIELD, wantsDefault } from "@/lib/connect/default-choice";
import { LINK_CSRF_FIELD } from "@/lib/connect/link-csrf";
import { requestIpLimit, TOO_MANY_ATTEMPTS } from "@/lib/api/ip-limit";
import { submitHostedCredentials, type SubmitResult } from "@/lib/connect/submit-hosted-credentials";
import { guardLinkPost } from "./guard-link-post";

/** Server action behind the hosted paste form: the link's owner, signed in, from this page (same origin + CSRF token). */
export async function submitCredentials(sessionId: string, _prev: SubmitResult | null, form: FormData): Promise<SubmitResult> {
  if (!(await requestIpLimit()).ok) return { ok: false, errors: { _form: TOO_MANY_ATTEMPTS } };
  const db = await getDb();
  const refused = await guardLinkPost(db, sessionId, form);
  if (refused) return { ok: false, errors: { _form: refused } };
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== LINK_CSRF_FIELD && k !== DEFAULT_CHOICE_FIELD) values[k] = v;
  const result = await submitHostedCredentials(db, sessionId, values, { makeDefault: wantsDefault(form.get(DEFAULT_CHOICE_FIELD)) });
  // "Replace key" started on the Connections page: land back there, where the new label shows.
  if (result.ok && result.replaced) redirect(`/dashboard/connections?replaced=${result.replaced.provider}`);
  return result;
}
