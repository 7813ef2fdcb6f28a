import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { baseUrl } from "@/lib/api/base-url";
import { startAuthorization } from "@/lib/connect/start-authorization";

// POST /connect/{sessionId}/start – the human pressed Continue: set the browser binding, go to the provider.
export async function POST(req: Request, { params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const base = baseUrl(req);
  const result = await startAuthorization(await getDb(), sessionId, base);
  if (!result.ok) return NextResponse.redirect(`${base}/connect/${encodeURIComponent(sessionId)}`, 303);
  const res = NextResponse.redirect(result.redirectTo, 303);
  res.cookies.set(result.cookie.name, result.cookie.value, {
    httpOnly: true,
    // Lax: the cookie must ride along on the provider's top-level redirect back to the callback.
    sameSite: "lax",
    secure: base.startsWith("https://"),
    path: "/oauth/callback",
    maxAge: result.cookie.maxAge,
  });
  res.headers.set("referrer-policy", "no-referrer");
  res.headers.set("cache-control", "no-store");
  return res;
}
