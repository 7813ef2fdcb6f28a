/**
 * The dashboard's API reference: rendered from the instance's /openapi.json, every family and
 * operation reachable from the index, the examples shown; readable on a phone, in both themes.
 */
import { expect, test } from "@playwright/test";
import { randomEmail, signUp } from "./helpers";

test.describe.configure({ timeout: 120_000 });

test("the API reference renders every family and operation of /openapi.json", async ({ page, request }) => {
  await signUp(page, randomEmail("apiref"));
  await page.getByRole("navigation", { name: "Dashboard" }).filter({ visible: true }).getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

  const doc = (await (await request.get("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  const index = page.getByRole("navigation", { name: "Operations" });
  await expect(index.getByRole("link")).toHaveCount(operations + 3);
  for (const family of ["Agent REST", "Service API", "Organization management"]) await expect(page.getByRole("heading", { level: 2, name: family })).toBeVisible();

  await index.getByRole("link", { name: "POST /api/service/provider-tokens" }).click();
  const op = page.locator("#post-api-service-provider-tokens");
  await expect(op.getByText("One of · status: \"action_required\"")).toBeVisible();
  await op.getByText("Response example: The user has not connected Google yet").click();
  await expect(op.getByText('"PROVIDER_LINK_REQUIRED"').first()).toBeVisible();
  await expect(page.getByText("Errors: ServiceError").first()).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/api-reference.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "e2e/artifacts/api-reference-dark.png" });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/dashboard/api-reference#post-api-service-provider-tokens");
  const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(scrolls, "no sideways scrolling on a phone").toBe(false);
  await page.screenshot({ path: "e2e/artifacts/api-reference-phone.png" });
});
