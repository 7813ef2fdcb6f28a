/**
 * A dashboard session past its expiry is refused by the pages and by the dashboard API alike,
 * even when its signature is valid (the server checks `exp` itself, not only the cookie's life).
 */
import { decode, encode } from "@auth/core/jwt";
import { expect, test } from "@playwright/test";
import { randomEmail, signUp } from "./helpers";
import { TEST_AUTH_SECRET } from "./test-secrets";

const COOKIE = "authjs.session-token";

test("an expired session JWT is refused by pages and tRPC", async ({ page, context, baseURL }) => {
  await signUp(page, randomEmail("expiry"));
  const current = (await context.cookies()).find((c) => c.name === COOKIE);
  if (!current) throw new Error("no session cookie after sign-up");
  const claims = await decode({ token: current.value, secret: TEST_AUTH_SECRET, salt: COOKIE });
  expect(claims?.sub).toMatch(/^usr_/);

  // Same user, valid signature, but expired a minute ago.
  const expired = await encode({ token: { ...claims, sub: claims?.sub }, secret: TEST_AUTH_SECRET, salt: COOKIE, maxAge: -60 });
  await context.addCookies([{ name: COOKIE, value: expired, url: baseURL ?? "" }]);

  await page.goto("/dashboard/keys");
  await expect(page).toHaveURL(/\/sign-in/);
  const api = await page.request.get("/api/trpc/apiKeys.list", { headers: { cookie: `${COOKIE}=${expired}` } });
  expect(api.status()).toBe(401);

  // The real, unexpired token still works: the refusal above is about expiry, not the cookie.
  await context.addCookies([{ name: COOKIE, value: current.value, url: baseURL ?? "" }]);
  await page.goto("/dashboard/keys");
  await expect(page).toHaveURL(/\/dashboard\/keys$/);
});
