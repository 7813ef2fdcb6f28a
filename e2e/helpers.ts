import { expect, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery staple";

export function randomEmail(tag = "e2e"): string {
  return `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export async function fillCredentials(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
}

/** Sign up through the UI and wait for the dashboard. */
export async function signUp(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/sign-up");
  await fillCredentials(page, email, password);
  await page.getByRole("button", { name: "Create account" }).click();
  // argon2 on a loaded 2-core machine can take well over the default 10 s.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
}

/** oidc-provider's development login and consent pages: the e2e server's "Google" (scripts/oidc-server.ts). */
export async function loginAndConsentAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/interaction\//);
  await page.locator('button[type="submit"]').click(); // consent: "Continue"
}
