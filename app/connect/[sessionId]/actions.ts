"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { requestIpLimit, TOO_MANY_ATTEMPTS } from "@/lib/api/ip-limit";
import { submitHostedCredentials, type SubmitResult } from "@/lib/connect/submit-hosted-credentials";

/** Server action behind the hosted paste form; the session id is the only authority (single use, 10 minutes). */
export async function submitCredentials(sessionId: string, _prev: SubmitResult | null, form: FormData): Promise<SubmitResult> {
  if (!(await requestIpLimit()).ok) return { ok: false, errors: { _form: TOO_MANY_ATTEMPTS } };
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") values[k] = v;
  const result = await submitHostedCredentials(await getDb(), sessionId, values);
  // "Replace key" started on the Connections page: land back there, where the new label shows.
  if (result.ok && result.replaced) redirect(`/dashboard/connections?replaced=${result.replaced.provider}`);
  return result;
}
