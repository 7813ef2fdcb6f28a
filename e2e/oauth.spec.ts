/**
 * The heart of the product in a real browser: a person connects "Google" (a real local OAuth
 * server, oidc-provider, with PKCE and refresh rotation) by clicking, logs in and consents at
 * the provider, and lands back on the dashboard; then an agent with a minted key makes the
 * seed's calls. A second case follows the link an agent got from POST /oauth/sessions.
 */
import { expect, test, type Page } from "@playwright/test";
import { fillCredentials, loginAndConsentAtProvider, PASSWORD, randomEmail, signUp } from "./helpers";

async function mintKey(page: Page, name: string): Promise<string> {
  await page.goto("/dashboard/keys");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  return page.getByTestId("new-key-value").inputValue();
}


test("connect Google from the dashboard, then the agent's calls work", async ({ page, request }) => {
  await signUp(page, randomEmail("oauth"));
  await page.goto("/dashboard/providers");
  await page.getByRole("button", { name: "Connect Google" }).click();
  await loginAndConsentAtProvider(page, "alice");

  await expect(page).toHaveURL(/\/dashboard\/connections\?connected=google/);
  await expect(page.getByText("alice@example.test").first()).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/connected-google.png", fullPage: true });

  const key = await mintKey(page, "oauth agent");
  const auth = { Authorization: `Bearer ${key}` };
  const summary = await request.get("/ai/context/summary", { headers: auth });
  expect(summary.status()).toBe(200);
  expect(await summary.text()).toMatch(/google.*alice@example\.test/s);

  const token = await request.post("/tokens/fetch", { headers: auth, data: { provider: "google" } });
  expect(token.status()).toBe(200);
  const body = (await token.json()) as { type: string; accessToken: string; account: { label: string } };
  expect(body.type).toBe("oauth2");
  expect(body.account.label).toBe("alice@example.test");
  // The token works at the provider's own API (its userinfo endpoint).
  const me = await request.get(`http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 1000}/me`, { headers: { Authorization: `Bearer ${body.accessToken}` } });
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { email: string }).email).toBe("alice@example.test");

  // Secret hygiene in HTML: no page a person sees carries the token or the agent key.
  for (const path of ["/dashboard/connections", "/dashboard/activity", "/dashboard/providers", "/dashboard/providers/google", "/dashboard/keys"]) {
    await page.goto(path);
    const html = await page.content();
    expect(html, path).not.toContain(body.accessToken);
    expect(html, path).not.toContain(key);
  }
});

test("the human opens the link an agent created, signs in as its owner, and the agent sees it completed", async ({ page, request, browser }) => {
  const ownerEmail = randomEmail("link");
  await signUp(page, ownerEmail);
  const key = await mintKey(page, "link agent");
  const auth = { Authorization: `Bearer ${key}` };
  const created = await request.post("/oauth/sessions", { headers: auth, data: { provider: "google" } });
  expect(created.status()).toBe(201);
  const session = (await created.json()) as { sessionId: string; url: string };

  // The human's own browser, not signed in to Akhrot: the link sends it to sign in (no sign-up
  // offered on the way), then straight back to the link.
  const human = await (await browser.newContext()).newPage();
  await human.goto(session.url);
  await expect(human).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=%2Fconnect%2F${session.sessionId}$`));
  await expect(human.getByText("Your agent sent you a connect link")).toBeVisible();
  await expect(human.getByRole("link", { name: "Create an account" })).toHaveCount(0);
  await fillCredentials(human, ownerEmail, PASSWORD);
  await human.getByRole("button", { name: "Sign in" }).click();
  await expect(human).toHaveURL(session.url);

  // The interstitial: which key asked, which provider, which scopes; nothing happens without Continue.
  await expect(human.getByRole("heading", { name: "Connect Google" })).toBeVisible();
  await expect(human.getByText("agent key “link agent”", { exact: true })).toBeVisible();
  await expect(human.getByText("Permissions requested")).toBeVisible();
  await expect(human.getByText("openid", { exact: true })).toBeVisible();
  await human.screenshot({ path: "e2e/artifacts/connect-link-interstitial.png", fullPage: true });
  await human.setViewportSize({ width: 390, height: 844 });
  await human.screenshot({ path: "e2e/artifacts/connect-link-interstitial-phone.png", fullPage: true });
  expect(await request.get(`/oauth/sessions/${session.sessionId}`, { headers: auth }).then((r) => r.json())).toMatchObject({ status: "pending" });

  await human.getByRole("button", { name: "Continue to Google" }).click();
  await loginAndConsentAtProvider(human, "bob");
  await expect(human.getByRole("heading", { name: "Connected Google as bob@example.test" })).toBeVisible();
  await expect(human.getByText("You can close this tab")).toBeVisible();

  const status = await request.get(`/oauth/sessions/${session.sessionId}`, { headers: auth });
  expect(await status.json()).toMatchObject({ status: "completed" });
  const token = await request.post("/tokens/fetch", { headers: auth, data: { provider: "google" } });
  expect(((await token.json()) as { account: { id: string } }).account.id).toBe("bob");

  // The link is single-use.
  await human.goto(session.url);
  await expect(human.getByRole("heading", { name: /Connected Google/ })).toBeVisible();
  await expect(human.getByRole("button", { name: "Continue to Google" })).toHaveCount(0);
});

test("another signed-in user who opens someone's connect link is refused, and no email is shown", async ({ page, request, browser }) => {
  const ownerEmail = randomEmail("owner");
  await signUp(page, ownerEmail);
  const key = await mintKey(page, "owner agent");
  const created = await request.post("/oauth/sessions", { headers: { Authorization: `Bearer ${key}` }, data: { provider: "google" } });
  const session = (await created.json()) as { sessionId: string; url: string };

  const otherEmail = randomEmail("other");
  const other = await (await browser.newContext()).newPage();
  await signUp(other, otherEmail);
  await other.goto(session.url);
  await expect(other.getByRole("heading", { name: "This link is not yours" })).toBeVisible();
  await expect(other.getByRole("button", { name: /Continue/ })).toHaveCount(0);
  const html = await other.content();
  for (const email of [ownerEmail, otherEmail]) {
    expect(html).not.toContain(email);
    expect(html).not.toContain(email.split("@")[0] ?? "");
  }
  await other.screenshot({ path: "e2e/artifacts/connect-link-refused.png", fullPage: true });
  await other.setViewportSize({ width: 390, height: 844 });
  await other.screenshot({ path: "e2e/artifacts/connect-link-refused-phone.png", fullPage: true });

  // Continue posted by that user from the page's own origin, with this render's real token, is refused too (S2).
  const csrf = (await other.context().cookies()).find((c) => c.name.startsWith("akh_cp_"))?.value ?? "";
  expect(csrf).not.toBe("");
  const start = await other.request.post(`/connect/${session.sessionId}/start`, { headers: { origin: new URL(session.url).origin }, form: { csrf }, maxRedirects: 0 });
  expect(start.status()).toBe(403);
  expect(await request.get(`/oauth/sessions/${session.sessionId}`, { headers: { Authorization: `Bearer ${key}` } }).then((r) => r.json())).toMatchObject({ status: "pending" });
});
