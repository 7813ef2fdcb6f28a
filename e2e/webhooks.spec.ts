/**
 * The Webhooks page in a real browser against `npm start`'s server, with a real receiver in this
 * test process: add an endpoint (the secret shown once), send a test event and see it arrive,
 * signed (verified with standardwebhooks), and logged with the receiver's status; disable,
 * enable, delete. Screenshots at desktop and phone width.
 */
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startWebhookReceiver } from "../lib/testing/webhook-receiver";
import { randomEmail, signUp } from "./helpers";

test("a person adds an endpoint, sends a test event that arrives signed, and manages it", async ({ page }) => {
  const receiver = await startWebhookReceiver();
  try {
    await signUp(page, randomEmail("webhooks"));
    await page.getByRole("navigation", { name: "Dashboard" }).filter({ visible: true }).getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await expect(page.getByText("No endpoints yet.")).toBeVisible();

    await page.getByLabel("Receiver URL").fill(receiver.url("/e2e"));
    await page.getByLabel("connection.created").check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = await page.getByLabel("Webhook signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    const card = page.getByRole("article", { name: `Webhook endpoint ${receiver.url("/e2e")}` });
    await expect(card.getByText("Enabled")).toBeVisible();
    await expect(card.getByText("connection.needs_reauth")).toBeVisible();

    await card.getByRole("button", { name: "Send test event" }).click();
    await expect(card.getByRole("status")).toContainText(/Test event msg_\w+ queued/);
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(1);
    const [hook] = receiver.received;
    if (!hook) throw new Error("nothing received");
    expect(new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>)).toMatchObject({ type: "webhook.test" });
    await expect(async () => {
      await page.reload();
      await expect(card.getByRole("row", { name: /webhook\.test 1 200 .* delivered/ })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    // Once dismissed (or after a reload), the secret is gone from the page.
    await expect(page.getByLabel("Webhook signing secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret.slice(6));

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: "e2e/artifacts/webhooks-page.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "e2e/artifacts/webhooks-page-phone.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await card.getByRole("button", { name: "Disable" }).click();
    await expect(card.getByText("Disabled by its owner.")).toBeVisible();
    await expect(card.getByRole("button", { name: "Send test event" })).toBeDisabled();
    await card.getByRole("button", { name: "Enable" }).click();
    await expect(card.getByText("Enabled")).toBeVisible();
    await card.getByRole("button", { name: "Delete" }).click();
    await card.getByRole("button", { name: "Confirm delete" }).click();
    await expect(page.getByText("No endpoints yet.")).toBeVisible();
  } finally {
    await receiver.stop();
  }
});
