import { expect, test } from "@playwright/test";
import { fillCredentials, PASSWORD, randomEmail, signUp } from "./helpers";

test.describe("sign-up messages", () => {
  const cases = [
    { name: "invalid email", email: "not-an-email", password: PASSWORD, message: "Enter a valid email address." },
    { name: "short password", email: "short@example.com", password: "nine-char", message: "Password must be at least 10 characters." },
  ];
  for (const c of cases) {
    test(c.name, async ({ page }) => {
      await page.goto("/sign-up");
      await fillCredentials(page, c.email, c.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(c.message);
      await expect(page).toHaveURL(/\/sign-up$/);
    });
  }

  test("taken email", async ({ browser }) => {
    const email = randomEmail("taken");
    const first = await browser.newContext();
    await signUp(await first.newPage(), email);
    await first.close();

    const page = await (await browser.newContext()).newPage();
    await page.goto("/sign-up");
    await fillCredentials(page, email.toUpperCase(), PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("An account with this email already exists.");
  });
});

test("sign out, then sign in: one message for a wrong password and an unknown email", async ({ page }) => {
  const email = randomEmail("signin");
  await signUp(page, email);
  await page.getByRole("button", { name: "Sign out", exact: true }).filter({ visible: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

  for (const [who, password] of [
    [email, "wrong password 123"],
    [randomEmail("nobody"), PASSWORD],
  ] as const) {
    await page.goto("/sign-in");
    await fillCredentials(page, who, password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page.getByLabel("Email")).toHaveValue(who);
  }

  await fillCredentials(page, email, PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

// A dashboard request in flight when the person signs out (a prefetch, a tRPC call) must not
// answer with a fresh session cookie, or it would sign them back in after "Sign out".
test("dashboard requests never re-issue the session cookie, so sign-out cannot be undone by one in flight", async ({ page, context }) => {
  await signUp(page, randomEmail("reissue"));
  const before = (await context.cookies()).find((c) => c.name.includes("session-token"));
  expect(before).toBeDefined();
  for (const path of ["/dashboard", "/dashboard/keys", "/dashboard/connections?_rsc=1"]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect([path, res.status()]).toEqual([path, 200]);
    expect([path, res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.includes("session-token"))]).toEqual([path, []]);
  }
  // Sign out removes the cookie, and no later response puts it back.
  await page.getByRole("button", { name: "Sign out", exact: true }).filter({ visible: true }).click();
  await expect(page).toHaveURL(/\/$/);
  expect((await context.cookies()).find((c) => c.name.includes("session-token"))).toBeUndefined();
});

test("the dashboard sends signed-out visitors to sign-in and back", async ({ page }) => {
  const email = randomEmail("back");
  await signUp(page, email);
  await page.context().clearCookies();

  await page.goto("/dashboard/keys");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard%2Fkeys$/);
  await fillCredentials(page, email, PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard\/keys$/);
});

test("the dashboard API checks the session and refuses other origins", async ({ request }) => {
  const body = { "0": { json: { name: "x" } } };
  const anonymous = await request.post("/api/trpc/apiKeys.create?batch=1", { data: body });
  expect(anonymous.status()).toBe(401);

  const crossSite = await request.post("/api/trpc/apiKeys.create?batch=1", { data: body, headers: { Origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(403);
});
