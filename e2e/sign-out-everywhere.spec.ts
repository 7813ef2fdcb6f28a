/**
 * S9 in a real browser: "Sign out everywhere" on one device ends the session on another,
 * and the new password pages look right on desktop and phone.
 */
import { expect, test, type Page } from "@playwright/test";
import { fillCredentials, PASSWORD, randomEmail, signUp } from "./helpers";

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/artifacts/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `e2e/artifacts/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("S9: Sign out everywhere ends the session in a second browser too", async ({ page, browser }) => {
  const email = randomEmail("everywhere");
  await signUp(page, email);

  // A second device: its own browser context, signed in with the same account.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto("/sign-in");
  await fillCredentials(second, email, PASSWORD);
  await second.getByRole("button", { name: "Sign in" }).click();
  await expect(second).toHaveURL(/\/dashboard$/);
  expect((await second.request.get("/api/trpc/apiKeys.list")).status()).toBe(200);

  await page.goto("/dashboard");
  await shoot(page, "dashboard-sign-out-everywhere");
  await page.getByRole("button", { name: "Sign out everywhere" }).filter({ visible: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // The other device's cookie is still in its jar, but the server no longer accepts it.
  await second.goto("/dashboard/keys");
  await expect(second).toHaveURL(/\/sign-in/);
  expect((await second.request.get("/api/trpc/apiKeys.list")).status()).toBe(401);
  await other.close();
});

test("the forgot-password and set-a-new-password pages (desktop and phone)", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(randomEmail("forgot"));
  await page.getByRole("button", { name: "Send reset link" }).click();
  // The e2e server sends no e-mail (production without SMTP_URL): it says so instead of pretending.
  await expect(page.locator("main").getByRole("alert")).toContainText("not set up on this instance");
  await shoot(page, "forgot-password");

  await page.goto("/reset-password?token=not-a-real-token");
  await expect(page.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await expect(page.locator("main").getByRole("alert")).toContainText("expired or was already used");
  await shoot(page, "reset-password-invalid-link");
});

/** Press "Sign in" and wait for the server action's answer (the alert text may repeat). */
async function submitSignIn(page: Page): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
}

test("S3: the sign-in form is throttled per email after 10 tries, and then the right password waits too", async ({ page }) => {
  const email = randomEmail("throttle");
  await signUp(page, email);
  await page.getByRole("button", { name: "Sign out", exact: true }).filter({ visible: true }).click();
  await page.goto("/sign-in");
  // Sign-up's own sign-in was the first of the 10 attempts this email has per 15 minutes.
  for (let i = 1; i <= 9; i++) {
    await fillCredentials(page, email, `wrong password ${i}`);
    await submitSignIn(page);
    await expect(page.locator("main").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  await fillCredentials(page, email, PASSWORD);
  await submitSignIn(page);
  await expect(page.locator("main").getByRole("alert")).toHaveText("Too many sign-in attempts. Try again later.");
  await expect(page).toHaveURL(/\/sign-in/);
});
