import { expect, test } from "@playwright/test";

const cases = [
  ["/", "strict-origin-when-cross-origin"],
  ["/sign-in", "strict-origin-when-cross-origin"],
  ["/connect/cs_0000000000000000000000", "no-referrer"],
  ["/connect/error", "no-referrer"],
] as const;

for (const [path, referrer] of cases) {
  test(`${path} carries the security headers`, async ({ request }) => {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).toContain("object-src 'none'");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe(referrer);
    expect(h["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(h["x-powered-by"]).toBeUndefined();
  });
}

// npm start answers POST /tokens/fetch on its Node fast path, not through Next: same headers.
test("POST /tokens/fetch (the fast path) carries the security headers and the error envelope", async ({ request }) => {
  const res = await request.post("/tokens/fetch", { data: { provider: "google" } });
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: { code: "UNAUTHORIZED", message: expect.stringMatching(/Missing API key/) } });
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["strict-transport-security"]).toMatch(/max-age=\d+/);
  expect(h["www-authenticate"]).toBe('Bearer realm="akhrot"');
  expect(h["x-powered-by"]).toBeUndefined();
  // Answered by the fast path, not by Next's route pipeline (which adds `Vary: rsc, …`).
  expect(h["vary"] ?? "").not.toContain("rsc");
  expect(Number(h["content-length"])).toBeGreaterThan(0);
});
