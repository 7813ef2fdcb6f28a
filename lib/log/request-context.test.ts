/**
 * The request context of npm start's front thread (lib/server/front-worker.ts): off by default,
 * entered only by the rare paths that log (withRequestIdBriefly), and off again once the last of
 * them settles, so the thread's promises do not keep paying Node 20's async hooks.
 */
import { afterEach, describe, expect, it } from "vitest";
import { currentRequestId, keepRequestContextOff, requestContextIsOff, withRequestId, withRequestIdBriefly } from "./request-context";

const holder = globalThis as typeof globalThis & { __akhrotRequestCtx?: unknown; __akhrotContextOff?: unknown };
/** Node's AsyncLocalStorage says whether it is enabled (async hooks on) in this internal field. */
const enabled = () => (holder.__akhrotRequestCtx as { enabled?: boolean }).enabled;
const tick = () => new Promise((r) => setTimeout(r, 1));

afterEach(() => {
  delete holder.__akhrotContextOff;
});

describe("withRequestIdBriefly", () => {
  it("binds the id across awaits and leaves an id already bound alone", async () => {
    expect(await withRequestIdBriefly("req-brief-1", async () => (await tick(), currentRequestId()))).toBe("req-brief-1");
    expect(await withRequestId("req-outer-1", () => withRequestIdBriefly("req-inner-1", async () => (await tick(), currentRequestId())))).toBe("req-outer-1");
    expect(withRequestIdBriefly(undefined, () => currentRequestId())).toBeUndefined();
  });

  it("in a thread that keeps the context off, switches the storage off after the last open section", async () => {
    keepRequestContextOff();
    expect(requestContextIsOff()).toBe(true);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const first = withRequestIdBriefly("req-brief-a", async () => {
      await held;
      return currentRequestId();
    });
    const second = withRequestIdBriefly("req-brief-b", async () => (await tick(), currentRequestId()));
    expect(await second).toBe("req-brief-b");
    // One section still open: the storage stays on, and its id is still there after the other ended.
    if (enabled() !== undefined) expect(enabled()).toBe(true);
    release();
    expect(await first).toBe("req-brief-a");
    if (enabled() !== undefined) expect(enabled()).toBe(false);
    expect(currentRequestId()).toBeUndefined();
    // A synchronous section, and one that throws, end too.
    expect(withRequestIdBriefly("req-brief-c", () => currentRequestId())).toBe("req-brief-c");
    expect(() => withRequestIdBriefly("req-brief-d", () => { throw new Error("boom"); })).toThrow("boom");
    if (enabled() !== undefined) expect(enabled()).toBe(false);
  });
});
