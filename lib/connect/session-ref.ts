import { sha256Hex } from "@/lib/crypto";

/**
 * What audit rows keep of a connect session: a digest, never the id itself (a live session id
 * is a capability for 10 minutes). The same id always gives the same reference, so rows about
 * one session can be correlated, and `sessionRef(id)` finds them from a known id.
 */
export function sessionRef(sessionId: string): string {
  return `csr_${sha256Hex(`connect-session:${sessionId}`).slice(0, 24)}`;
}
