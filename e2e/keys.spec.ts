import { expect, test } from "@playwright/test";
import { randomEmail, signUp } from "./helpers";

const KEY_PATTERN = /^akh_[0-9A-Za-z]{49}$/;

test("sign up, mint a key shown once, an agent uses it, revoke → 401", async ({ page, request, context, baseURL }) => {
  // Hydration mismatches and client exceptions show up here. (Failed resource loads are
  // left out: nav links prefetch dashboard pages that other issues add.)
  const browserErrors: string[] = [];
  page.on("pageerror", (err) => browserErrors.push(err.message));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) browserErrors.push(msg.text());
  });
  const email = randomEmail();
  await signUp(page, email);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("user-email").filter({ visible: true })).toHaveText(email);
  await expect(page.getByTestId("skill-url")).toHaveText(`${baseURL}/ai/skill`);

  await page.getByRole("navigation", { name: "Dashboard" }).filter({ visible: true }).getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/dashboard\/keys$/);
  await expect(page.getByText("No API keys yet")).toBeVisible();

  // Create: the plaintext key appears once, in the highlighted panel.
  await page.getByLabel("Name").fill("e2e agent");
  await page.getByRole("button", { name: "Create key" }).click();
  const panel = page.getByTestId("new-key-panel");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("it will not be shown again");
  const key = await page.getByTestId("new-key-value").inputValue();
  expect(key).toMatch(KEY_PATTERN);

  const row = page.getByRole("row").filter({ hasText: "e2e agent" });
  await expect(row).toContainText(`akh_…${key.slice(-4)}`);
  await expect(row.getByRole("cell").nth(3)).toHaveText("Never"); // last used
  await expect(row.getByRole("cell").nth(4)).toHaveText("Never"); // expiry
  await expect(row).toContainText("All providers");
  await expect(row).toContainText("Active");

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await page.screenshot({ path: "e2e/artifacts/keys-new-key.png", fullPage: true });

  // Shown exactly once: after a reload only the masked form remains.
  await page.reload();
  await expect(row).toContainText(`akh_…${key.slice(-4)}`);
  await expect(page.getByTestId("new-key-panel")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);

  // The agent's call.
  const ok = await request.get("/ai/context/summary", { headers: { Authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);

  await page.reload();
  await expect(row).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/keys-page.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("key-card").first()).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/keys-page-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Revoke (two steps) and the same call is refused in the envelope.
  await row.getByRole("button", { name: "Revoke key e2e agent" }).click();
  await row.getByRole("button", { name: "Confirm revoke e2e agent" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  const denied = await request.get("/ai/context/summary", { headers: { Authorization: `Bearer ${key}` } });
  expect(denied.status()).toBe(401);
  expect(denied.headers()["www-authenticate"]).toMatch(/^Bearer/);
  expect(await denied.json()).toEqual({ error: { code: "UNAUTHORIZED", message: "This API key was revoked. Ask your human for a new key." } });
  expect(browserErrors).toEqual([]);
});

test("a key restricted to providers with an expiry is listed as such", async ({ page }) => {
  await signUp(page, randomEmail());
  await page.goto("/dashboard/keys");
  await page.getByLabel("Name").fill("restricted");
  await page.getByLabel("Expires").selectOption("30d");
  await page.getByLabel("Only selected providers").check();
  await page.getByRole("checkbox", { name: /^GitHub github$/ }).check();
  await page.getByRole("checkbox", { name: /^OpenAI openai$/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-key-panel")).toBeVisible();

  const row = page.getByRole("row").filter({ hasText: "restricted" });
  await expect(row.getByRole("cell").nth(5)).toHaveText("githubopenai");
  const expires = new Date(Date.now() + 30 * 86_400_000).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
  await expect(row.getByRole("cell").nth(4)).toHaveText(expires);
});

test("a key name over 80 characters is refused with a message", async ({ page }) => {
  await signUp(page, randomEmail());
  await page.goto("/dashboard/keys");
  // maxLength stops typing at 80; the server still checks (bypass the attribute).
  await page.getByLabel("Name").evaluate((el) => el.removeAttribute("maxlength"));
  await page.getByLabel("Name").fill("x".repeat(81));
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Name must be at most 80 characters.");
  await expect(page.getByTestId("new-key-panel")).toHaveCount(0);
});
