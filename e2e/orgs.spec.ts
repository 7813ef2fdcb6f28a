import { expect, test, type Page } from "@playwright/test";
import { randomEmail, signUp } from "./helpers";

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `e2e/artifacts/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `e2e/artifacts/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("create an org, invite a member who accepts in a second browser, create a service, mint a key shown once, a user appears after an HTTP call", async ({ page, browser, request, baseURL }) => {
  const browserErrors: string[] = [];
  page.on("pageerror", (err) => browserErrors.push(err.message));
  const slug = `acme-${Date.now().toString(36)}`;

  await signUp(page, randomEmail("owner"));
  await page.getByRole("navigation", { name: "Dashboard" }).filter({ visible: true }).getByRole("link", { name: "Organizations" }).click();
  await page.getByLabel("Name").fill("Acme Inc.");
  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/orgs/${slug}$`));
  await expect(page.getByRole("heading", { name: "Acme Inc." })).toBeVisible();

  // Invite an admin: the link is shown to copy; a second browser signs up and accepts it.
  await page.getByLabel("Role", { exact: true }).selectOption("admin");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/inv_[0-9A-Za-z]{43}$/);
  const second = await browser.newContext();
  const other = await second.newPage();
  const memberEmail = randomEmail("member");
  await signUp(other, memberEmail);
  await other.goto(link);
  await expect(other.getByText("Accepting makes you an admin of Acme Inc.")).toBeVisible();
  await other.getByRole("button", { name: "Accept invitation" }).click();
  await expect(other).toHaveURL(new RegExp(`/dashboard/orgs/${slug}$`));
  // Single use: opening it again says so.
  const third = await browser.newContext();
  const late = await third.newPage();
  await signUp(late, randomEmail("late"));
  await late.goto(link);
  await expect(late.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
  await third.close();
  await page.reload();
  await expect(page.getByTestId("members")).toContainText(memberEmail);
  await shoot(page, "org");

  // The new admin creates a service and mints a key.
  await other.getByLabel("Name", { exact: true }).fill("Web app");
  await other.getByLabel("Slug", { exact: true }).fill("web");
  await other.getByLabel("Redirect URIs (one per line; https, or http on localhost)").fill("https://app.example/callback");
  await other.getByRole("button", { name: "Create service" }).click();
  await expect(other).toHaveURL(new RegExp(`/dashboard/orgs/${slug}/services/web$`));
  await other.getByLabel("Key name").fill("backend");
  await other.getByRole("button", { name: "Create key" }).click();
  const key = await other.getByTestId("new-key-value").inputValue();
  expect(key).toMatch(/^aks_[0-9A-Za-z]{49}$/);
  await other.reload();
  await expect(other.getByTestId("new-key-panel")).toHaveCount(0);
  await expect(other.getByTestId("service-keys")).toContainText(key.slice(0, 12));
  await expect(other.getByTestId("service-keys")).not.toContainText(key);

  // The backend's call (curl's equivalent) adds an end user; the dashboard shows it.
  const created = await request.post(`${baseURL}/api/service/users`, { headers: { "X-Api-Key": key, "Content-Type": "application/json" }, data: { email: "end.user@example.com" } });
  expect(created.status()).toBe(201);
  const again = await request.get(`${baseURL}/api/service/nope`, { headers: { "X-Api-Key": key } });
  expect([again.status(), Object.keys(await again.json()).sort()]).toEqual([404, ["error", "error_code", "timestamp"]]);
  await other.reload();
  await expect(other.getByTestId("end-users")).toContainText("end.user@example.com");
  await expect(other.getByTestId("analytics")).toContainText("End users1");
  await shoot(other, "service");
  await second.close();
  expect(browserErrors).toEqual([]);
});
