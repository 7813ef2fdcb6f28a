import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { baseUrl } from "@/lib/api/base-url";
import { verifyEmailAddress } from "@/lib/users/verify-email";

// GET /verify-email?token=… – the link from the confirmation mail: mark the address verified, go to the dashboard.
export async function GET(req: Request) {
  const token = new URL(req.url).searchParams.get("token");
  const ok = await verifyEmailAddress(await getDb(), token);
  const res = NextResponse.redirect(`${baseUrl(req)}${ok ? "/dashboard?verified=1" : "/sign-in?error=VerificationLinkInvalid"}`, 303);
  res.headers.set("referrer-policy", "no-referrer");
  res.headers.set("cache-control", "no-store");
  return res;
}
