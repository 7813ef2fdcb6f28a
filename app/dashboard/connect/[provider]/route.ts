import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { baseUrl } from "@/lib/api/base-url";
import { ApiError } from "@/lib/api/errors";
import { isSameOriginRequest } from "@/lib/api/same-origin";
import { currentUser } from "@/lib/auth/require-user";
import { setBindingCookie } from "@/lib/connect/binding-cookie";
import { createConnectSession } from "@/lib/connect/create-connect-session";
import { startAuthorization } from "@/lib/connect/start-authorization";
import { env } from "@/lib/env";
import { getProvider } from "@/lib/providers";

// POST /dashboard/connect/{provider} – "Connect" in the dashboard: the same session + hosted flow an agent's link uses.
export async function POST(req: Request, { params }: { params: Promise<{ provider: string }> }) {
  const base = baseUrl(req);
  if (!isSameOriginRequest(req, env().APP_URL)) return new NextResponse("Cross-origin request refused", { status: 403 });
  const user = await currentUser();
  if (!user) return NextResponse.redirect(`${base}/sign-in`, 303);
  const { provider: code } = await params;
  const provider = getProvider(code);
  if (!provider) return NextResponse.redirect(`${base}/dashboard/providers`, 303);
  const db = await getDb();
  try {
    const session = await createConnectSession(db, { userId: user.id }, { provider: code }, base, "dashboard");
    if (provider.authType !== "oauth2") return NextResponse.redirect(session.url, 303);
    const started = await startAuthorization(db, session.sessionId, base);
    if (!started.ok) return NextResponse.redirect(session.url, 303);
    return setBindingCookie(NextResponse.redirect(started.redirectTo, 303), started.cookie, base);
  } catch (err) {
    const reason = err instanceof ApiError ? err.code : "INTERNAL_ERROR";
    return NextResponse.redirect(`${base}/dashboard/connections?error=${reason}&provider=${provider.code}`, 303);
  }
}
