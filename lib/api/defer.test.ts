/**
 * defer(): every task starts at once; inside a Next request its running promise goes to
 * `after()` (so Vercel waits for the write), never a callback (the costly form); a failure is
 * logged and dropped, never rejected into Next; outside a request, or on the Node fast path,
 * nothing asks Next at all. afterResponse(): a callback Next runs once the answer has gone.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "@/lib/testing/capture-logs";

const handed: unknown[] = [];
let outsideRequest = false;
vi.mock("next/server", () => ({
  after: (task: unknown) => {
    // Next's own message when after() is called outside a request scope.
    if (outsideRequest) throw new Error("`after` was called outside a request scope.");
    handed.push(task);
  },
}));

const { afterResponse, defer, outsideNext } = await import("./defer");

afterEach(() => {
  handed.length = 0;
  outsideRequest = false;
});

describe("defer", () => {
  it("starts each task at once and hands after() a promise that settles when the task has", async () => {
    const ran: string[] = [];
    let release = () => {};
    const slow = new Promise<void>((r) => (release = r));
    defer(async () => void ran.push("event"));
    defer(async () => {
      await slow;
      ran.push("stamp");
    });
    expect(ran).toEqual(["event"]);
    expect(handed).toHaveLength(2);
    expect(handed.every((t) => t instanceof Promise)).toBe(true);
    let settled = false;
    const waited = (handed[1] as Promise<unknown>).then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false); // Vercel keeps the function alive until the slow write ends
    release();
    await waited;
    expect(ran).toEqual(["event", "stamp"]);
  });

  it("a failing task is logged and dropped: the promise Next waits on resolves", async () => {
    const logs = captureLogs();
    try {
      defer(() => Promise.reject(Object.assign(new Error("db down: postgres://u:secret@h/db"), { name: "PostgresError" })));
      await expect(handed[0] as Promise<unknown>).resolves.toBeUndefined();
    } finally {
      logs.restore();
    }
    expect(logs.entries()).toEqual([expect.objectContaining({ level: "error", where: "deferred-write", error: expect.objectContaining({ name: "PostgresError" }) })]);
    expect(logs.text()).not.toContain("secret");
  });

  it("outside a Next request the task still runs and defer() does not throw", async () => {
    outsideRequest = true;
    const ran: string[] = [];
    expect(() => defer(async () => void ran.push("ran"))).not.toThrow();
    expect(ran).toEqual(["ran"]);
  });

  it("on the Node fast path it never asks after()", async () => {
    const ran: string[] = [];
    await outsideNext(async () => {
      defer(async () => void ran.push("now"));
      defer(() => Promise.reject(new Error("db down")));
    });
    expect(handed).toHaveLength(0);
    expect(ran).toEqual(["now"]);
    await new Promise((r) => setTimeout(r, 0));
  });

  it("afterResponse() hands after() a callback and starts nothing until Next runs it", async () => {
    const ran: string[] = [];
    afterResponse(async () => void ran.push("mail"));
    expect(ran).toEqual([]);
    expect(handed).toHaveLength(1);
    expect(typeof handed[0]).toBe("function");
    await (handed[0] as () => Promise<unknown>)();
    expect(ran).toEqual(["mail"]);
  });

  it("afterResponse() outside a Next request, or on the fast path, runs at once", async () => {
    const ran: string[] = [];
    outsideRequest = true;
    afterResponse(async () => void ran.push("outside"));
    outsideRequest = false;
    await outsideNext(async () => afterResponse(async () => void ran.push("fast path")));
    expect(handed).toHaveLength(0);
    expect(ran).toEqual(["outside", "fast path"]);
  });
});
