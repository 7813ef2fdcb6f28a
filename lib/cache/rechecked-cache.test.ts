/**
 * The re-checking key cache's own machinery (lib/cache/rechecked-cache.ts), with a stand-in
 * `reload` (the agent and service caches' reloads against the real database are tested in
 * tests/integration/rest-foundation.test.ts and service-api.test.ts).
 */
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { createRecheckedCache } from "./rechecked-cache";

/** Only handed through to `reload`, which here never reads it. */
const db = {} as Db;
let n = 0;
const freshName = () => `test-${++n}-${Date.now()}`;

function counting(name: string, live: (digest: string) => string | undefined = (d) => `${d}'`) {
  const reloads: string[][] = [];
  const cache = createRecheckedCache<string>(name, {
    ttlMs: 5_000,
    recheckAfterMs: 2_500,
    maxEntries: 10_000,
    async reload(_db, due) {
      reloads.push(due.map((d) => d.digest));
      return new Map(due.flatMap((d) => (live(d.digest) === undefined ? [] : [[d.digest, live(d.digest) ?? ""]])));
    },
  });
  return { cache, reloads };
}

describe("createRecheckedCache", () => {
  it("two copies of the module (Next's bundle, the tsx-loaded server) share one cache and one re-check", async () => {
    const name = freshName();
    const a = counting(name);
    const b = counting(name);
    a.cache.set("k", "v", 0);
    expect(b.cache.get(db, "k", 1)).toBe("v");
    // Both see the key due; only one re-check runs, and both see its result.
    expect(a.cache.get(db, "k", 2_500)).toBe("v");
    expect(b.cache.get(db, "k", 3_600)).toBe("v");
    await b.cache.settled();
    expect([...a.reloads, ...b.reloads]).toEqual([["k"]]);
    expect(b.cache.get(db, "k", 5_100)).toBe("k'");
    b.cache.forget((v) => v === "k'");
    expect(a.cache.get(db, "k", 5_101)).toBeUndefined();
  });

  it("re-checks at most once a second, only keys used since their last check, in parts of 1,000", async () => {
    const { cache, reloads } = counting(freshName());
    for (let k = 0; k < 1_500; k++) cache.set(`k${k}`, "v", 0);
    cache.set("idle", "v", 0);
    for (let k = 0; k < 1_500; k++) cache.get(db, `k${k}`, 100);
    expect(cache.get(db, "k0", 2_500)).toBe("v");
    await cache.settled();
    expect(reloads.map((r) => r.length)).toEqual([1_000, 500]);
    expect(reloads.flat()).not.toContain("idle");
    // Renewed from the re-check's start; the unused one runs out at its TTL.
    expect(cache.get(db, "k1", 7_499)).toBe("k1'");
    expect(cache.get(db, "idle", 5_000)).toBeUndefined();
  });

  it("a failed re-check renews nothing, and the entries still run out at their TTL", async () => {
    const name = freshName();
    const cache = createRecheckedCache<string>(name, {
      ttlMs: 5_000,
      recheckAfterMs: 2_500,
      maxEntries: 10,
      reload: () => Promise.reject(new Error("database went away")),
    });
    cache.set("k", "v", 0);
    expect(cache.get(db, "k", 2_500)).toBe("v");
    await cache.settled();
    expect(cache.get(db, "k", 4_999)).toBe("v");
    expect(cache.get(db, "k", 5_000)).toBeUndefined();
  });
});
