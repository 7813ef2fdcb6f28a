/**
 * One body cap for the routes that read bodies through a framework (tRPC's fetch adapter and
 * Auth.js parse the whole body before any authentication or CSRF check): the body is read here
 * first, at most `max` bytes, and handed on as a fresh Request. `npm start` also caps every
 * request at the socket (lib/server/body-limit.ts); this covers `next start` and Vercel, whose
 * 4.5 MB platform limit is far above what these routes need.
 */
import { NextRequest } from "next/server";

/** Dashboard and sign-in bodies are a few hundred bytes; 64 KB leaves room for any form. */
export const MAX_FRAMEWORK_BODY_BYTES = 64 * 1024;

export function payloadTooLarge(max: number): Response {
  return Response.json(
    { error: { code: "PAYLOAD_TOO_LARGE", message: `Request body is larger than ${Math.round(max / 1024)} KB.` } },
    { status: 413, headers: { connection: "close", "cache-control": "no-store" } },
  );
}

/** `req` with its body buffered (≤ max bytes), or a 413 answer. Bodiless requests pass through. */
export async function withCappedBody(req: Request, max = MAX_FRAMEWORK_BODY_BYTES): Promise<NextRequest | Response> {
  if (!req.body) return req instanceof NextRequest ? req : new NextRequest(req);
  if (Number(req.headers.get("content-length") ?? "0") > max) {
    await req.body.cancel().catch(() => {});
    return payloadTooLarge(max);
  }
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await reader.read().catch(() => null);
    // The client went away mid-body: nothing useful to hand on.
    if (!chunk) return Response.json({ error: { code: "BAD_REQUEST", message: "The request body could not be read." } }, { status: 400 });
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return payloadTooLarge(max);
    }
    chunks.push(value);
  }
  return new NextRequest(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
}
