import { expect, test, type Page } from "@playwright/test";
import { loginAndConsentAtProvider, randomEmail, signUp } from "./helpers";

// The catalog's category order (lib/providers `categories`), as the grid must show it.
const CATEGORIES = ["Productivity", "Developer", "Communication", "AI", "Payments", "Email", "Data", "Infrastructure", "Social", "Design", "Media"];

function collectBrowserErrors(page: Page): string[] {
  // Failed resource loads are left out: nav links prefetch dashboard pages that other issues add.
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) errors.push(msg.text());
  });
  return errors;
}

test("the providers grid leads with what is ready, collapses what needs the operator, and filters as you type", async ({ page, baseURL }) => {
  test.setTimeout(150_000);
  const browserErrors = collectBrowserErrors(page);
  await signUp(page, randomEmail("providers"));
  await page.getByRole("navigation", { name: "Dashboard" }).filter({ visible: true }).getByRole("link", { name: "Providers" }).click();
  await expect(page).toHaveURL(/\/dashboard\/providers$/);
  await expect(page.getByRole("heading", { level: 1, name: "Providers" })).toBeVisible();

  const cards = page.getByTestId("provider-card");
  await expect(cards).toHaveCount(37);
  await expect(page.getByTestId("provider-count")).toHaveText("37 providers");
  // Ready providers first, by category in the catalog's order; then one collapsed section for the rest.
  const headings = await page.getByRole("main").getByRole("heading", { level: 2 }).allTextContents();
  expect(headings.at(-1)).toBe("Needs setup by the operator");
  const readyCategories = headings.slice(0, -1);
  expect(readyCategories).toEqual(CATEGORIES.filter((c) => readyCategories.includes(c)));
  expect(readyCategories).not.toContain("Developer"); // GitHub and GitLab both need an OAuth app here
  const setup = page.getByTestId("needs-setup");
  await expect(setup).not.toHaveAttribute("open", "");
  await expect(setup.getByTestId("setup-guide")).toBeHidden();
  await setup.getByText("Needs setup by the operator").click();
  await expect(setup.getByTestId("redirect-uri-pattern")).toHaveText(`${baseURL}/oauth/callback/<code>`);
  await expect(setup.getByTestId("setup-guide")).toContainText(".env.local");
  await expect(setup.getByTestId("setup-guide")).toContainText("Restart Akhrot");
  await expect(setup.getByTestId("setup-guide")).toContainText("TELEGRAM_API_ID");
  await expect(setup.locator('[data-provider="github"]')).toHaveCount(1);
  await expect(setup.locator('[data-provider="google"], [data-provider="openai"]')).toHaveCount(0);

  // Google: brand icon, badge, status, services; the test server configures it (a local OAuth server).
  const google = page.locator('[data-testid="provider-card"][data-provider="google"]');
  await expect(google.getByRole("heading", { level: 3 })).toHaveText("Google");
  await expect(google.locator('[data-icon="google"] svg path')).toHaveAttribute("d", /^M/i);
  await expect(google.getByTestId("auth-type")).toHaveText("Authentication: OAuth");
  await expect(google.getByTestId("provider-status")).toHaveText("Not connected");
  await expect(google.getByRole("button", { name: "Connect Google" })).toBeEnabled();
  await expect(google.getByRole("list", { name: "Google services" }).getByRole("listitem")).toHaveText(["Gmail", "Drive", "Calendar", "Sheets"]);

  // An OAuth provider this instance has no app for: Connect disabled, with the env vars to set.
  const github = page.locator('[data-testid="provider-card"][data-provider="github"]');
  await expect(github.getByRole("button", { name: "Connect GitHub" })).toBeDisabled();
  await expect(github.getByTestId("not-configured")).toContainText("Not configured on this instance.");
  await expect(github.getByTestId("not-configured")).toContainText("The operator sets OAUTH_GITHUB_CLIENT_ID and OAUTH_GITHUB_CLIENT_SECRET.");
  await expect(github.getByRole("button", { name: "Connect GitHub" })).toHaveAccessibleDescription(/^Not configured on this instance\..*OAUTH_GITHUB_CLIENT_SECRET/);
  await expect(google.getByTestId("not-configured")).toHaveCount(0);

  // An API-key provider simple-icons does not carry: monogram, Connect enabled; Telegram has its own badge.
  const openai = page.locator('[data-testid="provider-card"][data-provider="openai"]');
  await expect(openai.locator('[data-icon="monogram"]')).toHaveText("O");
  await expect(openai.getByTestId("auth-type")).toHaveText("Authentication: API key");
  await expect(openai.getByRole("button", { name: "Connect OpenAI" })).toBeEnabled();
  await expect(openai.getByTestId("not-configured")).toHaveCount(0);
  const telegram = page.locator('[data-testid="provider-card"][data-provider="telegram"]');
  await expect(telegram.getByTestId("auth-type")).toHaveText("Authentication: Telegram");
  // Telegram without TELEGRAM_API_ID/HASH: not configured, like an OAuth provider without its app.
  await expect(telegram.getByRole("button", { name: "Connect Telegram" })).toBeDisabled();
  await expect(telegram.getByTestId("not-configured")).toContainText("The operator sets TELEGRAM_API_ID and TELEGRAM_API_HASH.");
  await page.screenshot({ path: "e2e/artifacts/providers-grid.png", fullPage: true });

  const search = page.getByRole("searchbox", { name: "Search providers" });
  await search.pressSequentially("git");
  await expect(cards).toHaveCount(2);
  expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute("data-provider")))).toEqual(["github", "gitlab"]);
  await expect(page.getByRole("heading", { name: "Google", exact: true })).toHaveCount(0);
  await expect(page.getByTestId("provider-count")).toHaveText("2 of 37 providers");

  // Services and categories match too.
  await search.fill("gmail");
  expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute("data-provider")))).toEqual(["google"]);
  await search.fill("payments");
  expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute("data-provider")))).toEqual(["stripe"]);

  await search.fill("");
  await search.pressSequentially("zzz");
  await expect(cards).toHaveCount(0);
  await expect(page.getByTestId("providers-empty")).toContainText("No provider matches “zzz”.");
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(cards).toHaveCount(37);
  await expect(search).toBeFocused();
  await expect(search).toHaveValue("");

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(cards.first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "e2e/artifacts/providers-grid-phone.png", fullPage: true });
  expect(browserErrors).toEqual([]);
});

test("provider and service docs pages render the agent's context as HTML", async ({ page, baseURL }) => {
  const browserErrors = collectBrowserErrors(page);
  await signUp(page, randomEmail("provider-docs"));
  await page.goto("/dashboard/providers");
  await page.locator('[data-provider="google"]').getByRole("link", { name: "Docs for Google" }).click();
  await expect(page).toHaveURL(/\/dashboard\/providers\/google$/);
  await expect(page).toHaveTitle("Google docs · Akhrot");

  const article = page.getByRole("article");
  await expect(article.getByRole("heading", { level: 1 })).toHaveText("Google (google)");
  await expect(article.getByRole("heading", { level: 2 })).toHaveText(["Connection", "Get the credential", "Send it to the provider", "Services", "Example"]);
  await expect(article).toContainText("Not connected. To connect Google, create a connect session:");
  // The fetch call uses this instance's URL, in a real code block (not markdown fences as text).
  const fetchBlock = article.getByTestId("docs-code-block").filter({ hasText: "/tokens/fetch" });
  await expect(fetchBlock.locator("pre code")).toContainText(`curl -s -X POST "${baseURL}/tokens/fetch"`);
  await expect(fetchBlock.locator("figcaption")).toContainText("bash");
  await expect(article).not.toContainText("```");
  await expect(article.getByRole("link", { name: "https://developers.google.com/identity/protocols/oauth2/web-server" })).toHaveAttribute(
    "href",
    "https://developers.google.com/identity/protocols/oauth2/web-server",
  );
  await expect(page.getByRole("complementary").getByTestId("provider-status")).toHaveText("Not connected");
  await page.screenshot({ path: "e2e/artifacts/provider-docs.png", fullPage: true });

  await page.getByRole("navigation", { name: "Google services" }).getByRole("link", { name: "Gmail" }).click();
  await expect(page).toHaveURL(/\/dashboard\/providers\/google\/gmail$/);
  await expect(article.getByRole("heading", { level: 1 })).toHaveText("Google Gmail (google/gmail)");
  await expect(article.getByRole("heading", { level: 2 })).toHaveText(["Scopes", "Credential", "Endpoints", "Example"]);
  await expect(article.getByRole("listitem").filter({ hasText: "GET /users/me/messages?maxResults=10" })).toHaveCount(1);
  // The scope as an inline code span (the connect example below also names it, inside its curl).
  await expect(article.getByText("https://www.googleapis.com/auth/gmail.modify", { exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Google services" }).getByRole("link", { name: "Gmail" })).toHaveAttribute("aria-current", "page");

  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "e2e/artifacts/provider-docs-phone.png", fullPage: true });
  expect(browserErrors).toEqual([]);
});

test("unknown providers and services are 404s", async ({ page }) => {
  await signUp(page, randomEmail("provider-404"));
  for (const path of ["/dashboard/providers/nope", "/dashboard/providers/google/nope", "/dashboard/providers/openai/gmail"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});

test("Connect on an API-key provider opens the hosted paste form", async ({ page }) => {
  await signUp(page, randomEmail("provider-connect"));
  await page.goto("/dashboard/providers");
  await page.getByRole("button", { name: "Connect OpenAI" }).click();
  await expect(page).toHaveURL(/\/connect\/cs_[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("heading", { name: "Connect OpenAI" })).toBeVisible();
});


test("after connecting Google, its card and docs page show the account", async ({ page }) => {
  await signUp(page, randomEmail("provider-status"));
  await page.goto("/dashboard/providers");
  await page.getByRole("button", { name: "Connect Google" }).click();
  await loginAndConsentAtProvider(page, "alice");
  await expect(page).toHaveURL(/\/dashboard\/connections\?connected=google/);

  await page.goto("/dashboard/providers");
  const google = page.locator('[data-testid="provider-card"][data-provider="google"]');
  await expect(google.getByTestId("provider-status")).toHaveText("Connected as alice@example.test");
  await expect(google.getByRole("button", { name: "Add account Google" })).toBeEnabled();
  await expect(page.locator('[data-testid="provider-status"][data-status="connected"]')).toHaveCount(1);

  await google.getByRole("link", { name: "Docs for Google" }).click();
  await expect(page).toHaveURL(/\/dashboard\/providers\/google$/);
  const article = page.getByRole("article");
  await expect(article).toContainText("Connected accounts (1):");
  await expect(article.getByRole("listitem").filter({ hasText: "alice@example.test (default, active, token expires" })).toHaveCount(1);
  await expect(article).toContainText("Granted scopes (alice@example.test):");
});
