import type { NextRequest } from "next/server";
import { withCappedBody } from "@/lib/api/body-cap";
import { handlers } from "@/lib/auth";

// GET /api/auth/* – Auth.js (session, CSRF token, provider redirects).
export const GET = handlers.GET;

// POST /api/auth/* – Auth.js (sign-in callbacks, sign-out); the body is capped before Auth.js parses it.
export async function POST(req: NextRequest): Promise<Response> {
  const capped = await withCappedBody(req);
  return capped instanceof Response ? capped : handlers.POST(capped);
}

export const dynamic = "force-dynamic";
