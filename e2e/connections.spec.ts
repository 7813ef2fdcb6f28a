import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { randomEmail, signUp } from "./helpers";

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
function openaiKey(): string {
  return `sk-proj-${Array.from({ length: 40 }, () => LETTERS[Math.floor(Math.random() * LETTERS.length)]).join("")}`;
}

/** Mint an agent key through the dashboard form; returns the plaintext shown once. */
async function createKey(page: Page, name: string): Promise<string> {
  await page.goto("/dashboard/keys");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByTestId("new-key-value").inputValue();
  expect(key).toMatch(/^akh_[0-9A-Za-z]{49}$/);
  await page.getByRole("button", { name: "I have copied it" }).click();
  return key;
}

/** The agent asks for a connect link: POST /oauth/sessions. */
async function connectLink(request: APIRequestContext, key: string, provider: string): Promise<string> {
  const res = await request.post("/oauth/sessions", { data: { provider }, headers: { Authorization: `Bearer ${key}` } });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { url: string; sessionId: string; provider: string };
  expect(body.provider).toBe(provider);
  expect(body.url).toBe(`${new URL(res.url()).origin}/connect/${body.sessionId}`);
  return body.url;
}

/** `makeDefault`: the answer to the second-account question (absent when the page must not ask). */
async function pasteKey(page: Page, url: string, value: string, makeDefault?: boolean): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Connect OpenAI" })).toBeVisible();
  await page.getByLabel("API key").fill(value);
  if (makeDefault !== undefined) await page.getByRole("radio", { name: makeDefault ? "Make the account I connect now the default" : /^Keep .* as the default$/ }).check();
  await page.getByRole("button", { name: "Connect OpenAI" }).click();
}

function fetchToken(request: APIRequestContext, key: string) {
  return request.post("/tokens/fetch", { data: { provider: "openai" }, headers: { Authorization: `Bearer ${key}` } });
}

function watchBrowserErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) errors.push(msg.text());
  });
  return errors;
}

test("an agent's connect link → pasted OpenAI key → fetched; the dashboard shows it and the activity", async ({ page, request }) => {
  const browserErrors = watchBrowserErrors(page);
  await signUp(page, randomEmail("conn"));
  await page.goto("/dashboard/connections");
  await expect(page.getByText("No connections yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Browse providers" })).toHaveAttribute("href", "/dashboard/providers");

  const agent = await createKey(page, "e2e agent");
  const first = openaiKey();
  await pasteKey(page, await connectLink(request, agent, "openai"), first);
  await expect(page.getByRole("status")).toHaveText("OpenAI is connected. Agents that name no account get this one: it is the default. You can close this tab.");
  await expect(page.getByRole("link", { name: "Back to your connections" })).toHaveAttribute("href", "/dashboard/connections");

  const fetched = await fetchToken(request, agent);
  expect(fetched.status()).toBe(200);
  expect(await fetched.json()).toEqual({
    provider: "openai",
    type: "api_key",
    accessToken: first,
    fields: {},
    usage: { header: "Authorization", format: "Bearer {apiKey}", baseUrl: "https://api.openai.com/v1" },
    account: { id: expect.stringMatching(/^fp_[0-9a-f]{16}$/), label: `OpenAI …${first.slice(-4)}` },
    connectionId: expect.stringMatching(/^conn_/),
  });

  // A second OpenAI account: the page asks, and the person makes it the default.
  const second = openaiKey();
  await pasteKey(page, await connectLink(request, agent, "openai"), second, true);
  await expect(page.getByRole("status")).toHaveText("OpenAI is connected. Agents that name no account get this one: it is the default. You can close this tab.");
  expect((await (await fetchToken(request, agent)).json()).accessToken).toBe(second);

  await page.goto("/dashboard/connections");
  const firstCard = page.getByRole("listitem", { name: `OpenAI (OpenAI …${first.slice(-4)})` });
  const secondCard = page.getByRole("listitem", { name: `OpenAI (OpenAI …${second.slice(-4)})` });
  await expect(page.getByTestId("connection-card")).toHaveCount(2);
  await expect(secondCard).toContainText("Default");
  await expect(secondCard).toContainText("Active");
  await expect(firstCard).toContainText("openai");
  await expect(firstCard.getByTestId("connection-account")).toHaveText(`OpenAI …${first.slice(-4)}`);
  // Last use is written off the response path: reload until it shows (a reload on a loaded machine takes seconds).
  await expect(async () => {
    await page.reload();
    await expect(secondCard).toContainText(`by e2e agent akh_…${agent.slice(-4)}`, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  expect(await page.content()).not.toContain(first);
  expect(await page.content()).not.toContain(second);

  // "Make default" moves the agents' account.
  await firstCard.getByRole("button", { name: `Make default: OpenAI (OpenAI …${first.slice(-4)})` }).click();
  await expect(firstCard).toContainText("Default");
  await expect(secondCard.getByRole("button", { name: /^Make default: / })).toBeVisible();
  expect((await (await fetchToken(request, agent)).json()).accessToken).toBe(first);

  await page.screenshot({ path: "e2e/artifacts/connections-page.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(firstCard).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "e2e/artifacts/connections-page-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Activity: the fetches, in plain words, with the key's name; then the filters.
  await createKey(page, "second agent");
  await page.goto("/dashboard/activity");
  const rows = page.getByTestId("activity-row");
  const fetchRow = rows.filter({ hasText: "Token fetched" }).first();
  await expect(fetchRow).toContainText("OpenAI");
  await expect(fetchRow).toContainText("e2e agent");
  await expect(fetchRow).toContainText("Success");
  await expect(rows.filter({ hasText: "Token fetched" })).toHaveCount(3);
  await expect(rows.filter({ hasText: "Connect link created" })).toHaveCount(2);
  await expect(rows.filter({ hasText: "Connected" }).first()).toContainText(`OpenAI …${second.slice(-4)}`);
  await expect(rows.first()).toContainText("Key created"); // newest first
  await expect(rows.first()).toContainText("second agent");
  await expect(rows).toHaveCount(9); // 2 keys, 2 links, 2 connects, 3 fetches

  await page.getByLabel("Provider", { exact: true }).selectOption("openai");
  await expect(rows).toHaveCount(7);
  await expect(rows.filter({ hasText: "Key created" })).toHaveCount(0);
  await expect(page).toHaveURL(/\/dashboard\/activity\?provider=openai$/);
  await page.reload();
  await expect(page.getByLabel("Provider", { exact: true })).toHaveValue("openai");
  await expect(rows).toHaveCount(7);

  await page.getByLabel("Provider", { exact: true }).selectOption("");
  const keyFilter = page.getByLabel("Key", { exact: true });
  await keyFilter.selectOption((await keyFilter.locator("option", { hasText: "second agent" }).getAttribute("value")) ?? "");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Key created");
  await expect(rows.first()).toContainText("second agent");
  await keyFilter.selectOption("");
  await expect(rows).toHaveCount(9);

  await page.screenshot({ path: "e2e/artifacts/activity-page.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "e2e/artifacts/activity-page-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Disconnect behind a confirm; the outcome is told; the agent no longer gets the key.
  await page.goto("/dashboard/connections");
  await firstCard.getByRole("button", { name: `Disconnect OpenAI (OpenAI …${first.slice(-4)})` }).click();
  const dialog = page.getByRole("dialog", { name: "Disconnect OpenAI?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await firstCard.getByRole("button", { name: `Disconnect OpenAI (OpenAI …${first.slice(-4)})` }).click();
  await dialog.getByRole("button", { name: "Disconnect", exact: true }).click();
  await expect(page.getByTestId("disconnect-notice")).toHaveText(
    `Disconnected OpenAI (OpenAI …${first.slice(-4)}). The credential is deleted from Akhrot; it still works at OpenAI until you delete it there.`,
  );
  await expect(page.getByTestId("connection-card")).toHaveCount(1);
  // The remaining account becomes what agents get.
  expect((await (await fetchToken(request, agent)).json()).accessToken).toBe(second);

  await page.goto("/dashboard/activity");
  await expect(rows.first()).toContainText("Token fetched");
  await expect(rows.nth(1)).toContainText("Disconnected");
  await expect(rows.nth(1)).toContainText(`OpenAI …${first.slice(-4)}`);
  expect(browserErrors).toEqual([]);
});

test.describe("a pasted key in the wrong format is refused with the catalog's message", () => {
  for (const [what, value, message] of [
    ["an Anthropic key", `sk-ant-api03-${"a".repeat(40)}`, "API key does not look right: OpenAI keys start with sk- (sk-proj-, sk-svcacct-)."],
    ["a random string", "hello-world", "API key does not look right: OpenAI keys start with sk- (sk-proj-, sk-svcacct-)."],
    ["nothing", "", "API key is required."],
  ] as const) {
    test(what, async ({ page, request }) => {
      await signUp(page, randomEmail("badkey"));
      const agent = await createKey(page, "agent");
      await pasteKey(page, await connectLink(request, agent, "openai"), value);
      await expect(page.getByText(message)).toBeVisible();
      await expect(page.getByLabel("API key")).toHaveAttribute("aria-invalid", "true");

      const res = await fetchToken(request, agent);
      expect(res.status()).toBe(404);
      expect((await res.json()).error.code).toBe("INTEGRATION_NOT_FOUND");
      await page.goto("/dashboard/connections");
      await expect(page.getByText("No connections yet")).toBeVisible();
    });
  }
});

test("the connect result banners", async ({ page }) => {
  await signUp(page, randomEmail("banner"));
  // A dashboard "Connect" for a provider this instance has no OAuth app for.
  const res = await page.request.post("/dashboard/connect/github", { maxRedirects: 0 });
  expect(res.status()).toBe(303);
  const location = new URL(res.headers().location ?? "", page.url());
  expect(location.pathname + location.search).toBe("/dashboard/connections?error=PROVIDER_NOT_CONFIGURED&provider=github");
  await page.goto(location.href);
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("Could not connect GitHub");
  await expect(alert).toContainText("set OAUTH_GITHUB_CLIENT_ID and OAUTH_GITHUB_CLIENT_SECRET");
  await alert.getByRole("link", { name: "Dismiss message" }).click();
  await expect(page).toHaveURL(/\/dashboard\/connections$/);
  await expect(alert).toHaveCount(0);

  await page.goto("/dashboard/connections?connected=google");
  await expect(page.getByTestId("connect-result")).toContainText("Connected Google");
  // Only catalog names are shown; an unknown code shows nothing.
  await page.goto("/dashboard/connections?connected=%3Cscript%3E");
  await expect(page.getByTestId("connect-result")).toHaveCount(0);
  await page.goto("/dashboard/connections?error=%3Cb%3Eboom%3C/b%3E&provider=nope");
  await expect(alert).toContainText("Could not connect");
  await expect(alert).toContainText("Something went wrong while starting to connect this provider.");
  await expect(alert).not.toContainText("boom");
});

test("Replace key: the same connection gets the new key, keeps its Default badge, and agents fetch the new key", async ({ page, request }) => {
  const browserErrors = watchBrowserErrors(page);
  await signUp(page, randomEmail("replace"));
  const agent = await createKey(page, "e2e agent");
  const first = openaiKey();
  const second = openaiKey();
  await pasteKey(page, await connectLink(request, agent, "openai"), first);
  await expect(page.getByRole("status")).toContainText("OpenAI is connected.");
  await pasteKey(page, await connectLink(request, agent, "openai"), second, true);
  await expect(page.getByRole("status")).toContainText("OpenAI is connected.");

  // The older account is made the default, so only the stored flag (not recency) keeps it there.
  await page.goto("/dashboard/connections");
  const firstCard = page.getByRole("listitem", { name: `OpenAI (OpenAI …${first.slice(-4)})` });
  await firstCard.getByRole("button", { name: `Make default: OpenAI (OpenAI …${first.slice(-4)})` }).click();
  await expect(firstCard).toContainText("Default");
  const before = (await (await fetchToken(request, agent)).json()) as { accessToken: string; connectionId: string };
  expect(before.accessToken).toBe(first);

  await firstCard.getByRole("button", { name: `Replace key of OpenAI (OpenAI …${first.slice(-4)})` }).click();
  await expect(page).toHaveURL(/\/connect\/cs_[0-9A-Za-z]{22}$/);
  await expect(page.getByRole("heading", { name: "Replace your OpenAI key" })).toBeVisible();
  await expect(page.getByText(`replaces the one saved as “OpenAI …${first.slice(-4)}”`)).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/connect-replace-form.png", fullPage: true });
  const replacement = openaiKey();
  await page.getByLabel("API key").fill(replacement);
  await page.getByRole("button", { name: "Replace key" }).click();

  await expect(page).toHaveURL(/\/dashboard\/connections\?replaced=openai$/);
  await expect(page.getByTestId("connect-result")).toContainText("Replaced the OpenAI key");
  const replacedCard = page.getByRole("listitem", { name: `OpenAI (OpenAI …${replacement.slice(-4)})` });
  await expect(page.getByTestId("connection-card")).toHaveCount(2);
  await expect(replacedCard.getByTestId("connection-account")).toHaveText(`OpenAI …${replacement.slice(-4)}`);
  await expect(replacedCard).toContainText("Default");
  await expect(firstCard).toHaveCount(0);
  await expect(page.getByRole("listitem", { name: `OpenAI (OpenAI …${second.slice(-4)})` })).not.toContainText("Default");
  expect(await page.content()).not.toContain(replacement);

  const after = await fetchToken(request, agent);
  expect(after.status()).toBe(200);
  expect(await after.json()).toMatchObject({ accessToken: replacement, connectionId: before.connectionId, account: { label: `OpenAI …${replacement.slice(-4)}` } });
  await page.screenshot({ path: "e2e/artifacts/connections-replace.png", fullPage: true });

  await page.goto("/dashboard/activity");
  await expect(page.getByTestId("activity-row").filter({ hasText: "Key replaced" })).toContainText(`OpenAI …${replacement.slice(-4)}`);
  expect(browserErrors).toEqual([]);
});
