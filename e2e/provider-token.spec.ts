/**
 * A backend's end user walks the hosted grant flow in Chromium (issue 13). The org comes from the
 * dashboard, the service and its key from the org REST API with the owner's session; a tiny local
 * HTTP server stands in for the backend's redirect_uri. The backend creates the end user, asks
 * POST /api/service/provider-tokens for Google (the local oidc-provider), gets action_required,
 * sends the end user's browser to reauth_url: Continue → the provider's login and consent → back
 * to the backend with provider_grant=success&state=… → provider-tokens answers ok.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { loginAndConsentAtProvider, randomEmail, signUp } from "./helpers";

const DRIVE = "https://www.googleapis.com/auth/drive.readonly";

let backend: Server;
let backendUrl = "";
const arrivals: URL[] = [];

test.beforeAll(async () => {
  backend = createServer((req, res) => {
    const url = new URL(req.url ?? "/", backendUrl);
    if (url.pathname !== "/favicon.ico") arrivals.push(url);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>Backend</title><h1>Back at the backend</h1>");
  });
  await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
  backendUrl = `http://localhost:${(backend.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  backend.closeAllConnections();
  await new Promise((resolve) => backend.close(resolve));
});

test("an end user grants Google through the hosted flow and the backend gets the token", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000); // sign-up, two contexts and the provider's forms on a loaded 2-core machine
  const slug = `pt-${Date.now().toString(36)}`;
  await signUp(page, randomEmail("pt-owner"));
  await page.goto("/dashboard/orgs");
  await page.getByLabel("Name").fill("Token Co");
  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/orgs/${slug}$`));

  // The service and its key over the org REST API, with the owner's dashboard session.
  const org = `${baseURL}/api/organizations/${slug}`;
  const created = await page.request.post(`${org}/services`, { headers: { origin: baseURL ?? "" }, data: { slug: "app", name: "Token App", service_type: "web", redirect_uris: [`${backendUrl}/after-grant?tab=1`], providers: [{ provider: "google", scopes: [DRIVE] }] } });
  expect(created.status()).toBe(201);
  const minted = await page.request.post(`${org}/services/app/api-keys`, { headers: { origin: baseURL ?? "" }, data: { name: "backend", permissions: ["write:users", "read:provider_tokens"] } });
  expect(minted.status()).toBe(201);
  const key = String(((await minted.json()) as { key: string }).key);
  const api = await (await import("@playwright/test")).request.newContext({ baseURL, extraHTTPHeaders: { "X-Api-Key": key } });

  // The backend: create the end user, ask for a token.
  const user = await api.post("/api/service/users", { data: { email: "alice@example.test" } });
  expect(user.status()).toBe(201);
  const userId = String(((await user.json()) as { id: string }).id);
  const first = await api.post("/api/service/provider-tokens", { data: { user_id: userId, provider: "google", scopes: [DRIVE], state: "backend-state-42" } });
  expect(first.status()).toBe(200);
  const action = (await first.json()) as { status: string; code: string; reauth_url: string; missing_scopes: string[] };
  expect(action).toMatchObject({ status: "action_required", code: "PROVIDER_LINK_REQUIRED", missing_scopes: [DRIVE] });

  // The end user's own browser (no Akhrot account): the hosted page, Continue, the provider's forms.
  const endUser = await (await browser.newContext()).newPage();
  await endUser.goto(action.reauth_url);
  await expect(endUser.getByRole("heading", { name: "Token App asks for your Google account" })).toBeVisible();
  await expect(endUser.getByText(DRIVE)).toBeVisible();
  await endUser.screenshot({ path: "e2e/artifacts/provider-token-grant.png", fullPage: true });
  await endUser.getByRole("button", { name: "Continue to Google" }).click();
  await loginAndConsentAtProvider(endUser, "alice");
  await expect(endUser.getByRole("heading", { name: "Back at the backend" })).toBeVisible();
  const back = arrivals.at(-1);
  expect(back?.pathname).toBe("/after-grant");
  expect(Object.fromEntries(back?.searchParams ?? [])).toEqual({ tab: "1", provider_grant: "success", provider: "google", state: "backend-state-42" });

  // The backend asks again: ok, with a token the provider accepts.
  const ok = await api.post("/api/service/provider-tokens", { data: { user_id: userId, provider: "google", scopes: [DRIVE] } });
  const token = (await ok.json()) as { status: string; access_token: string; scopes: string[]; account: { email: string } };
  expect(token).toMatchObject({ status: "ok", scopes: [DRIVE], account: { email: "alice@example.test" } });
  const me = await api.get(`http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 1000}/me`, { headers: { Authorization: `Bearer ${token.access_token}`, "X-Api-Key": "" } });
  expect(me.status()).toBe(200);

  // The org's dashboard shows the end user's grant.
  await page.goto(`/dashboard/orgs/${slug}/services/app`);
  await expect(page.getByTestId("end-users")).toContainText("alice@example.test");
  await expect(page.getByTestId("end-users")).toContainText("google");
  await api.dispose();
});
