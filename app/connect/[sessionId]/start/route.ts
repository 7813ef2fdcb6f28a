import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { baseUrl } from "@/lib/api/base-url";
import { publicIpLimit, tooManyRequests } from "@/lib/api/ip-limit";
import { setBindingCookie } from "@/lib/connect/binding-cookie";
import { startAuthorization } from "@/lib/connect/start-authorization";

// POST /connect/{sessionId}/start – the human pressed Continue: set the browser binding, go to the provider.
export async function POST(req: Request, { params }: { params: Promise<{ sessionId: string }> }) {
  const limit = await publicIpLimit(req.headers);
  if (!limit.ok) return tooManyRequests(limit.retryAfter);
  const { sessionId } = await params;
  const base = baseUrl(req);
  const result = await startAuthorization(await getDb(), sessionId, base);
  if (!result.ok) return NextResponse.redirect(`${base}/connect/${encodeURIComponent(sessionId)}`, 303);
  return setBindingCookie(NextResponse.redirect(result.redirectTo, 303), result.cookie, base);
}
