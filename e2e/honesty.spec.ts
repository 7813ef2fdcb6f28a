/**
 * The instance tells the truth on first run. The e2e server configures exactly one OAuth app
 * (Google, played by a local OAuth server) and no Telegram: every other OAuth provider is in
 * the state a fresh instance leaves them. An agent's summary names only what can work here;
 * a refused agent call appears in Activity with the message the agent got.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { randomEmail, signUp } from "./helpers";

async function createKey(page: Page, name: string): Promise<string> {
  await page.goto("/dashboard/keys");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  return page.getByTestId("new-key-value").inputValue();
}

type Summary = { available: string[]; needsOperatorSetup: string[]; next: { connect: { body: { provider: string } } | null } };

test("the summary an agent reads names only ready providers; refused calls appear in Activity", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signUp(page, randomEmail("honesty"));
  const key = await createKey(page, "honest agent");
  const auth = { Authorization: `Bearer ${key}` };

  const markdown = await (await request.get("/ai/context/summary", { headers: auth })).text();
  const json = (await (await request.get("/ai/context/summary", { headers: { ...auth, Accept: "application/json" } })).json()) as Summary;
  const available = markdown.split("\n").find((l) => l.startsWith("Available: "))?.slice("Available: ".length).split(",") ?? [];
  expect(available).toEqual(json.available);
  expect(json.available).toContain("google"); // the one OAuth app this server has
  expect(json.available).toContain("openai"); // API-key providers need nothing
  for (const code of ["github", "notion", "slack", "telegram"]) {
    expect(json.available).not.toContain(code);
    expect(json.needsOperatorSetup).toContain(code);
    expect(markdown).not.toContain(`{"provider":"${code}"}`);
  }
  // Whatever the summary suggests connecting, the connect call accepts.
  const suggested = json.next.connect?.body;
  expect(suggested).toBeDefined();
  const connect = await request.post("/oauth/sessions", { headers: auth, data: suggested });
  expect(connect.status()).toBe(201);

  // The skill marks the same split.
  const skill = await (await request.get("/ai/skill")).text();
  expect(skill).toContain("| GitHub | github | OAuth Bearer | needs operator setup |");
  expect(skill).toContain("| Google | google | OAuth Bearer | ready |");

  // Two refused calls: not configured (503) and not connected (404).
  const refused = await request.post("/oauth/sessions", { headers: auth, data: { provider: "github" } });
  expect(refused.status()).toBe(503);
  const refusedMessage = ((await refused.json()) as { error: { message: string } }).error.message;
  const missing = await request.post("/tokens/fetch", { headers: auth, data: { provider: "stripe" } });
  expect(missing.status()).toBe(404);

  await page.goto("/dashboard/activity");
  const rows = page.getByTestId("activity-row");
  const failed = rows.filter({ hasText: "Connect link refused" });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText("PROVIDER_NOT_CONFIGURED (HTTP 503)");
  await expect(failed.getByTestId("activity-message")).toContainText(refusedMessage);
  await expect(failed).toContainText("honest agent");
  await expect(rows.filter({ hasText: "Token fetch failed" })).toContainText("INTEGRATION_NOT_FOUND (HTTP 404)");

  await page.getByLabel("Outcome").selectOption("failure");
  await expect(page).toHaveURL(/outcome=failure/);
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId("activity-end")).toContainText("2 events match these filters");
  await expect(page.getByTestId("activity-end")).not.toContainText("that is everything");
  await page.getByLabel("Outcome").selectOption("success");
  await expect(rows.filter({ hasText: "refused" })).toHaveCount(0);
  await page.getByRole("button", { name: "show all" }).click();
  await expect(page.getByTestId("activity-end")).toContainText("that is everything, successes and failures");

  // Screenshots of the two pages this issue changed, light and dark, desktop and phone.
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [path, name] of [["/dashboard/activity", "activity"], ["/dashboard/providers", "providers"]] as const) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(path);
      if (name === "providers") await page.getByTestId("needs-setup").getByText("Needs setup by the operator").click();
      await page.screenshot({ path: `e2e/artifacts/honesty-${name}-${scheme}.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: `e2e/artifacts/honesty-${name}-${scheme}-phone.png`, fullPage: true });
    }
  }
});

test("dark mode follows the system, the toggle persists without a flash, and a skip link leads to the content", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, randomEmail("theme"));
  await page.emulateMedia({ colorScheme: "light" });
  await page.reload();
  const dark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
  expect(await dark()).toBe(false);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(dark).toBe(true); // follows the system while on "System"

  await page.emulateMedia({ colorScheme: "light" });
  const toggle = page.getByTestId("theme-toggle").filter({ visible: true });
  await toggle.getByRole("button", { name: "Dark theme" }).click();
  await expect(toggle.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
  expect(await dark()).toBe(true);
  // No flash: the class is on <html> before any React code runs (the inline script in <head>).
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      (window as unknown as { darkAtDomReady: boolean }).darkAtDomReady = document.documentElement.classList.contains("dark");
    });
  });
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { darkAtDomReady: boolean }).darkAtDomReady)).toBe(true);
  await toggle.getByRole("button", { name: "System theme" }).click();
  expect(await dark()).toBe(false);

  // The skip link is the first stop on a fresh page and lands on the page's main content.
  await page.reload();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const openaiKey = () => `sk-proj-${Array.from({ length: 40 }, () => LETTERS[Math.floor(Math.random() * LETTERS.length)]).join("")}`;

async function linkFor(request: APIRequestContext, key: string, provider: string): Promise<string> {
  const res = await request.post("/oauth/sessions", { headers: { Authorization: `Bearer ${key}` }, data: { provider } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { url: string }).url;
}

test("connecting a second OpenAI key asks about the default, names the current one, and the summary marks the choice", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signUp(page, randomEmail("default"));
  const key = await createKey(page, "default agent");
  const auth = { Authorization: `Bearer ${key}` };
  const first = openaiKey();
  const second = openaiKey();
  const label = (k: string) => `OpenAI …${k.slice(-4)}`;

  // First account: no question, it is the default.
  await page.goto(await linkFor(request, key, "openai"));
  await expect(page.getByTestId("default-choice")).toHaveCount(0);
  await page.getByLabel("API key").fill(first);
  await page.getByRole("button", { name: "Connect OpenAI" }).click();
  await expect(page.getByRole("status")).toContainText("it is the default");

  // Second account: the page asks, naming the current default; keeping it is preselected.
  await page.goto(await linkFor(request, key, "openai"));
  const choice = page.getByRole("group", { name: "Which OpenAI account do agents get?" });
  await expect(choice).toContainText(`The default now is ${label(first)}.`);
  await expect(choice.getByRole("radio", { name: `Keep ${label(first)} as the default` })).toBeChecked();
  await page.screenshot({ path: "e2e/artifacts/honesty-default-choice.png", fullPage: true });
  await page.getByLabel("API key").fill(second);
  await choice.getByRole("radio", { name: "Make the account I connect now the default" }).check();
  await page.getByRole("button", { name: "Connect OpenAI" }).click();
  await expect(page.getByRole("status")).toHaveText("OpenAI is connected. Agents that name no account get this one: it is the default. You can close this tab.");

  const markdown = await (await request.get("/ai/context/summary", { headers: auth })).text();
  expect(markdown).toContain(`- openai ${label(second)} (default), ${label(first)}:`);
  const json = (await (await request.get("/ai/context/summary", { headers: { ...auth, Accept: "application/json" } })).json()) as { connected: { provider: string; accounts: { label: string; isDefault: boolean }[] }[] };
  expect(json.connected.find((c) => c.provider === "openai")?.accounts.map((a) => [a.label, a.isDefault])).toEqual([[label(second), true], [label(first), false]]);
  const fetched = (await (await request.post("/tokens/fetch", { headers: auth, data: { provider: "openai" } })).json()) as { accessToken: string };
  expect(fetched.accessToken).toBe(second);

  await page.goto("/dashboard/connections");
  await expect(page.getByRole("listitem", { name: `OpenAI (${label(second)})` })).toContainText("Default");
  await expect(page.getByRole("listitem", { name: `OpenAI (${label(first)})` })).not.toContainText("Default");
});

test("each hosted end page links back to the dashboard or to a retry", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signUp(page, randomEmail("deadend"));
  const key = await createKey(page, "end-page agent");
  const back = () => page.getByTestId("connect-links").getByRole("link", { name: "Back to your connections" });

  // Paste form done.
  await page.goto(await linkFor(request, key, "openai"));
  await page.getByLabel("API key").fill(openaiKey());
  await page.getByRole("button", { name: "Connect OpenAI" }).click();
  await expect(page.getByRole("link", { name: "Back to your connections" })).toHaveAttribute("href", "/dashboard/connections");

  // Provider declined: the person aborts at the provider.
  const declined = await linkFor(request, key, "google");
  await page.goto(declined);
  await page.getByRole("button", { name: "Continue to Google" }).click();
  await expect(page).toHaveURL(/\/interaction\//);
  await page.locator('a[href$="/abort"]').click();
  await expect(page.getByRole("heading", { name: "Could not connect Google" })).toBeVisible();
  await expect(page.getByText("You declined the request at the provider")).toBeVisible();
  await expect(page.getByTestId("connect-links").getByRole("link", { name: "Connect Google again" })).toHaveAttribute("href", "/dashboard/providers/google");
  await expect(back()).toHaveAttribute("href", "/dashboard/connections");

  // A used link, a link that does not exist, and the callback error page.
  await page.goto(declined);
  await expect(back()).toBeVisible();
  await page.goto("/connect/cs_0000000000000000000000");
  await expect(page.getByRole("heading", { name: "Link not found" })).toBeVisible();
  await expect(back()).toBeVisible();
  await page.goto("/connect/error?reason=unknown_state");
  await expect(back()).toBeVisible();
  await expect(page.getByTestId("connect-links").getByRole("link", { name: "Connect a provider again" })).toHaveAttribute("href", "/dashboard/providers");
  await back().click();
  await expect(page).toHaveURL(/\/dashboard\/connections$/);
});

test("on a phone the shown-once key is scrolled into view and focused", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page, randomEmail("phonekey"));
  await page.goto("/dashboard/keys");
  await page.getByLabel("Name").fill("phone agent");
  await page.getByRole("button", { name: "Create key" }).click();
  const value = page.getByTestId("new-key-value");
  await expect(value).toBeFocused();
  await expect(value).toBeInViewport();
  await page.screenshot({ path: "e2e/artifacts/honesty-new-key-phone.png" });
});
