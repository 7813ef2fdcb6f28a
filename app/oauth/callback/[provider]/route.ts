import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { baseUrl } from "@/lib/api/base-url";
import { instrumented } from "@/lib/api/instrumented";
import { publicIpLimit, tooManyRequests } from "@/lib/api/ip-limit";
import { completeCallback } from "@/lib/connect/complete-callback";
import { BINDING_COOKIE_PREFIX } from "@/lib/connect/start-authorization";
import { logError, stripControl } from "@/lib/log";

// GET /oauth/callback/{provider} – the one redirect URI for every provider.
export const GET = instrumented(async (req: NextRequest, { params }: { params: Promise<{ provider: string }> }) => {
  const limit = await publicIpLimit(req.headers);
  if (!limit.ok) return tooManyRequests(limit.retryAfter);
  const { provider } = await params;
  const base = baseUrl(req);
  const cookies = req.cookies.getAll().filter((c) => c.name.startsWith(BINDING_COOKIE_PREFIX));
  try {
    const outcome = await completeCallback(await getDb(), {
      provider,
      params: new URL(req.url).searchParams,
      bindings: cookies.map((c) => c.value),
      baseUrl: base,
    });
    const target =
      outcome.kind === "grant"
        ? outcome.redirectTo
        : outcome.kind === "rejected"
        ? `${base}/connect/error?reason=${outcome.reason}`
        : outcome.kind === "completed" && outcome.session.returnTo === "dashboard"
          ? `${base}/dashboard/connections?connected=${outcome.session.provider}`
          : `${base}/connect/${outcome.session.id}`;
    const res = NextResponse.redirect(target, 303);
    if (outcome.kind !== "rejected") for (const c of cookies) res.cookies.delete({ name: c.name, path: "/oauth/callback" });
    res.headers.set("referrer-policy", "no-referrer");
    res.headers.set("cache-control", "no-store");
    return res;
  } catch (err) {
    // The provider segment is attacker-chosen: control characters are stripped so it cannot forge lines (S18).
    logError("oauth.callback", err, { provider: stripControl(provider).slice(0, 40) });
    return NextResponse.redirect(`${base}/connect/error?reason=server_error`, 303);
  }
});
