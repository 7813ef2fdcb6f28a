/**
 * The hand-off between `npm start`'s server (scripts/serve.ts) and the code Next builds.
 * The server asks for the fast path before Next starts; Next's instrumentation hook, which
 * runs inside Next's bundle, fills the slot with a handler built from that same bundle, so
 * the fast path shares Next's module instances (database pool, key cache, limiters).
 * Plain globals: nothing here imports the app.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Answers the request and returns true, or returns false and leaves it to Next. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

type Slot = { wanted?: boolean; handler?: FastPath };
const holder = globalThis as typeof globalThis & { __akhrotFastPath?: Slot };
const slot: Slot = (holder.__akhrotFastPath ??= {});

export function requestFastPath(): void {
  slot.wanted = true;
}

export function fastPathWanted(): boolean {
  return slot.wanted === true;
}

export function provideFastPath(handler: FastPath): void {
  slot.handler = handler;
}

export function fastPath(): FastPath | undefined {
  return slot.handler;
}
