/**
 * What `next/server`, `next/headers` and `next/navigation` become in the front thread's bundle
 * (scripts/build-front.ts). The front answers its routes off Node's socket, never inside a Next
 * request, so nothing it runs may ask Next for the request (defer() runs its task at once there,
 * and its routes take the client address from the socket). Loading Next's modules only to leave
 * them unused would cost the thread ~15 MB; reaching one of these is a bug, and says so.
 */
function unavailable(name: string): never {
  throw new Error(`${name} is not available in npm start's front thread (lib/server/front-worker.ts): it serves no Next request.`);
}

export const after = (): never => unavailable("after()");
export const headers = (): never => unavailable("headers()");
export const cookies = (): never => unavailable("cookies()");
export const redirect = (): never => unavailable("redirect()");
export const notFound = (): never => unavailable("notFound()");
export class NextRequest {
  constructor() {
    unavailable("NextRequest");
  }
}
export class NextResponse {
  constructor() {
    unavailable("NextResponse");
  }
}
