import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { findDefaultConnection } from "@/db/queries/connection-defaults";
import { baseUrl } from "@/lib/api/base-url";
import { ApiError } from "@/lib/api/errors";
import { isSameOriginRequest } from "@/lib/api/same-origin";
import { currentUser } from "@/lib/auth/require-user";
import { setBindingCookie } from "@/lib/connect/binding-cookie";
import { createConnectSession } from "@/lib/connect/create-connect-session";
import { startAuthorization } from "@/lib/connect/start-authorization";
import { env } from "@/lib/env";
import { getProvider } from "@/lib/providers";

/** "Replace key" posts the connection id as the form field `replace`; "Reconnect" posts `intent=reconnect`; "Connect" posts no body. */
const replaceField = z.string().min(1).max(64).optional();

// POST /dashboard/connect/{provider} – "Connect" and "Replace key" in the dashboard: the same session + hosted flow an agent's link uses.
export async function POST(req: Request, { params }: { params: Promise<{ provider: string }> }) {
  const base = baseUrl(req);
  if (!isSameOriginRequest(req, env().APP_URL)) return new NextResponse("Cross-origin request refused", { status: 403 });
  const user = await currentUser();
  if (!user) return NextResponse.redirect(`${base}/sign-in`, 303);
  const { provider: code } = await params;
  const provider = getProvider(code);
  if (!provider) return NextResponse.redirect(`${base}/dashboard/providers`, 303);
  const back = (reason: string) => NextResponse.redirect(`${base}/dashboard/connections?error=${reason}&provider=${provider.code}`, 303);
  const form = await req.formData().catch(() => undefined);
  const replace = replaceField.safeParse(form?.get("replace") ?? undefined);
  if (!replace.success) return back("INVALID_REQUEST");
  const db = await getDb();
  try {
    const session = await createConnectSession(db, { userId: user.id }, { provider: code, replaceConnectionId: replace.data }, base, "dashboard");
    if (provider.authType !== "oauth2") return NextResponse.redirect(session.url, 303);
    // "Add account": the hosted page asks first whether it becomes the agents' default (issue 17).
    // "Reconnect" re-authorizes an account the person already has, so it goes straight on; another
    // account picked at the provider then is saved as a non-default one, never a silent switch.
    const reconnect = form?.get("intent") === "reconnect";
    if (!reconnect && (await findDefaultConnection(db, user.id, provider.code))) return NextResponse.redirect(session.url, 303);
    const started = await startAuthorization(db, session.sessionId, base);
    if (!started.ok) return NextResponse.redirect(session.url, 303);
    return setBindingCookie(NextResponse.redirect(started.redirectTo, 303), started, base);
  } catch (err) {
    return back(err instanceof ApiError ? err.code : "INTERNAL_ERROR");
  }
}
