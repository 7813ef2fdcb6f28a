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
    expect(h["cross-origin-opener-policy"]).toBe("same-origin");
  });
}

// S17: pages run only the scripts Next rendered for this request (nonce + 'strict-dynamic').
for (const path of ["/", "/sign-in", "/connect/cs_0000000000000000000000"]) {
  test(`S17: ${path} carries a fresh script nonce on every script it renders`, async ({ request }) => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await request.get(path);
      const csp = res.headers()["content-security-policy"] ?? "";
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
      expect(nonce, csp).toBeTruthy();
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce ?? "");
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });
}

test("S17: pages run under the nonce policy without a CSP violation; the inline theme script runs", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.emulateMedia({ colorScheme: "dark" });
  for (const path of ["/", "/sign-in", "/sign-up"]) {
    await page.goto(path);
    // The dark class comes only from the inline script in <head>, which runs only with the nonce.
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  }
  expect(violations).toEqual([]);
});
