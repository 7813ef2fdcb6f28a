/**
 * defer(): the writes of one instrumented request share a single Next `after()` (each call costs
 * Next a context snapshot), every one of them still runs and Next is still asked to wait for them;
 * outside a request scope each write keeps its own `after()`.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { withRequestId } from "@/lib/log";

const scheduled: (() => Promise<unknown>)[] = [];
vi.mock("next/server", () => ({ after: (cb: () => Promise<unknown>) => void scheduled.push(cb) }));

const { defer, outsideNext } = await import("./defer");

/** The i-th callback handed to after(), run. */
const runScheduled = (i: number) => (scheduled[i] ?? (() => Promise.reject(new Error(`no after() #${i}`))))();

afterEach(() => {
  scheduled.length = 0;
});

describe("defer", () => {
  it("gives the writes of one request one after(), run in order, all awaited by it", async () => {
    const ran: string[] = [];
    let release = () => {};
    const slow = new Promise<void>((r) => (release = r));
    withRequestId("req-0001-abcd", () => {
      defer(async () => void ran.push("event"));
      defer(async () => {
        await slow;
        ran.push("stamp");
      });
      defer(async () => void ran.push("key stamp"));
    });
    expect(scheduled).toHaveLength(1);
    expect(ran).toEqual([]);
    let settled = false;
    const done = runScheduled(0).then(() => (settled = true));
    await Promise.resolve();
    expect(ran).toEqual(["event", "key stamp"]);
    expect(settled).toBe(false); // Vercel keeps the function alive until the slow write ends
    release();
    await done;
    expect(ran).toEqual(["event", "key stamp", "stamp"]);
  });

  it("asks again for a write deferred once the request's batch has started", async () => {
    const ran: string[] = [];
    withRequestId("req-0002-abcd", () => {
      defer(async () => {
        ran.push("first");
        defer(async () => void ran.push("from a deferred task"));
      });
    });
    expect(scheduled).toHaveLength(1);
    await runScheduled(0);
    expect(scheduled).toHaveLength(2);
    await runScheduled(1);
    expect(ran).toEqual(["first", "from a deferred task"]);
  });

  it("keeps separate requests apart and one after() per write outside a request", async () => {
    withRequestId("req-0003-abcd", () => defer(async () => {}));
    withRequestId("req-0004-abcd", () => defer(async () => {}));
    expect(scheduled).toHaveLength(2);
    defer(async () => {});
    defer(async () => {});
    expect(scheduled).toHaveLength(4);
  });

  it("runs at once, without after(), on the Node fast path; a failing write is logged and dropped", async () => {
    const ran: string[] = [];
    await outsideNext(() =>
      withRequestId("req-0005-abcd", async () => {
        defer(async () => void ran.push("now"));
        defer(() => Promise.reject(new Error("db down")));
      }),
    );
    expect(scheduled).toHaveLength(0);
    expect(ran).toEqual(["now"]);
    await new Promise((r) => setTimeout(r, 0));
  });
});
