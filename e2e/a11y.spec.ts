/**
 * axe-core on every dashboard page and the sign-in/sign-up pages, in light and dark: no
 * serious or critical violation. @axe-core/playwright injects the axe-core copy installed
 * with it (nothing is downloaded).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { randomEmail, signUp } from "./helpers";

const DASHBOARD_PAGES = [
  "/dashboard",
  "/dashboard/providers",
  "/dashboard/providers/google",
  "/dashboard/providers/google/gmail",
  "/dashboard/connections",
  "/dashboard/keys",
  "/dashboard/activity",
  "/dashboard/webhooks",
];
const PUBLIC_PAGES = ["/sign-in", "/sign-up"];

async function seriousViolations(page: Page): Promise<string[]> {
  // Open the collapsed "needs setup" section, so its cards are checked too.
  const setup = page.getByTestId("needs-setup");
  if ((await setup.count()) > 0) await setup.getByText("Needs setup by the operator").click();
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} – ${n.failureSummary?.split("\n")[1]?.trim() ?? v.help}`));
}

// axe takes seconds per page on a loaded 2-core machine (the dashboard case also sets up an org, a service and an end user).
test.describe.configure({ timeout: 420_000 });

for (const scheme of ["light", "dark"] as const) {
  test(`axe: sign-in and sign-up pages, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of PUBLIC_PAGES) {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(scheme === "dark");
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });

  test(`axe: every dashboard page, ${scheme}`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signUp(page, randomEmail(`axe-${scheme}`));
    // Something in each list: a key, a refused agent call (a failure row in Activity).
    await page.goto("/dashboard/keys");
    await page.getByLabel("Name").fill("axe agent");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = await page.getByTestId("new-key-value").inputValue();
    await request.post("/tokens/fetch", { headers: { Authorization: `Bearer ${key}` }, data: { provider: "openai" } });
    // A webhook endpoint, so the Webhooks page shows its card, delivery log and buttons.
    await page.goto("/dashboard/webhooks");
    await page.getByLabel("Receiver URL").fill("https://example.com/akhrot-hooks");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByTestId("webhook-endpoints")).toBeVisible();
    // An organization with a service, a key and an end user, for the org and service pages.
    const slug = `axe-${scheme}-${Date.now().toString(36)}`;
    await page.goto("/dashboard/orgs");
    await page.getByLabel("Name").fill("Axe Org");
    await page.getByLabel("Slug").fill(slug);
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/orgs/${slug}$`));
    const org = `/api/organizations/${slug}`;
    expect((await page.request.post(`${org}/services`, { data: { slug: "app", name: "Axe App", service_type: "web", redirect_uris: ["https://app.example/cb"], providers: [{ provider: "google", scopes: ["openid"] }] } })).status()).toBe(201);
    const minted = (await (await page.request.post(`${org}/services/app/api-keys`, { data: { name: "axe", permissions: ["write:users"] } })).json()) as { key: string };
    await request.post("/api/service/users", { headers: { "X-Api-Key": minted.key }, data: { email: "axe.user@example.com" } });
    for (const path of [...DASHBOARD_PAGES, "/dashboard/orgs", `/dashboard/orgs/${slug}`, `/dashboard/orgs/${slug}/services/app`]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });
}

// The API reference lists every route with its schemas: a page of its own, with its own time budget.
for (const scheme of ["light", "dark"] as const) {
  test(`axe: the API reference, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signUp(page, randomEmail(`axe-api-${scheme}`));
    await page.goto("/dashboard/api-reference");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.locator("details").first().evaluate((d) => d.setAttribute("open", ""));
    expect(await seriousViolations(page), "/dashboard/api-reference").toEqual([]);
  });
}
