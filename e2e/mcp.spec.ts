/**
 * The MCP endpoint under `npm start` (scripts/serve.ts hands /mcp to Next's route handler):
 * the official SDK client on the Node side, the human in Chromium. A key minted in the
 * dashboard lists the MCP tools without get_credential; the agent's connect link is finished
 * in the browser by the signed-in owner; the owner turns on "Allow MCP credentials" (after a
 * warning) and get_credential appears and returns a token that works at the provider.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { Client, StreamableHTTPClientTransport, type CallToolResult } from "@modelcontextprotocol/client";
import { expect, test, type Page } from "@playwright/test";
import { MemoryOAuthProvider } from "../lib/testing/memory-oauth-provider";
import { fillCredentials, loginAndConsentAtProvider, PASSWORD, randomEmail, signUp } from "./helpers";

async function connectMcp(baseURL: string, key: string, era: "legacy" | "auto"): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(`${baseURL}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } });
  const client = new Client({ name: "akhrot-e2e", version: "1.0.0" }, { versionNegotiation: { mode: era } });
  await client.connect(transport);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

test("an MCP client connects Google through the human and, once allowed, gets the credential", async ({ page, request, baseURL }) => {
  if (!baseURL) throw new Error("baseURL missing");
  // A cold server and argon2 on a loaded 2-core box: sign-up gets more than the default 10 s.
  test.setTimeout(180_000);
  await page.goto("/sign-up");
  await fillCredentials(page, randomEmail("mcp"), PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 60_000 });
  await page.goto("/dashboard/keys");
  await page.getByLabel("Name").fill("mcp agent");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByTestId("new-key-value").inputValue();

  expect((await request.get("/mcp", { headers: { Authorization: `Bearer ${key}` } })).status()).toBe(405);
  const foreign = await request.post("/mcp", { headers: { Authorization: `Bearer ${key}`, Origin: "https://evil.example", "Content-Type": "application/json" }, data: "{}" });
  expect(foreign.status()).toBe(403);

  const legacy = await connectMcp(baseURL, key, "legacy");
  const modern = await connectMcp(baseURL, key, "auto");
  expect(legacy.getProtocolEra()).toBe("legacy");
  expect(modern.getProtocolEra()).toBe("modern");
  const names = (await legacy.listTools()).tools.map((t) => t.name);
  expect(names).toEqual((await modern.listTools()).tools.map((t) => t.name));
  expect(names).not.toContain("get_credential");

  const created = await call(modern, "connect_provider", { provider: "google" });
  const session = created.structuredContent as { sessionId: string; url: string };
  expect(session.url).toBe(`${baseURL}/connect/${session.sessionId}`);
  await page.goto(session.url);
  await page.getByRole("button", { name: "Continue to Google" }).click();
  await loginAndConsentAtProvider(page, "alice");
  await expect(page.getByRole("heading", { name: "Connected Google as alice@example.test" })).toBeVisible();
  expect((await call(legacy, "get_connect_status", { sessionId: session.sessionId, waitSeconds: 5 })).structuredContent).toMatchObject({ status: "completed" });
  expect(JSON.stringify((await call(modern, "list_connections")).structuredContent)).toContain("alice@example.test");

  await page.goto("/dashboard/keys");
  const row = page.getByRole("row").filter({ hasText: "mcp agent" });
  await row.getByRole("button", { name: "Allow MCP credentials for mcp agent" }).click();
  await expect(row.getByRole("note")).toContainText("prompt injection");
  await page.screenshot({ path: "e2e/artifacts/keys-mcp-warning.png", fullPage: true });
  await row.getByRole("button", { name: "Allow MCP credential access for mcp agent" }).click();
  await expect(row).toContainText("MCP may reveal credentials");

  expect((await modern.listTools()).tools.map((t) => t.name)).toContain("get_credential");
  const credential = (await call(modern, "get_credential", { provider: "google" })).structuredContent as { accessToken: string };
  const me = await request.get(`http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 1000}/me`, { headers: { Authorization: `Bearer ${credential.accessToken}` } });
  expect(me.status()).toBe(200);

  await row.getByRole("button", { name: "Turn off MCP credentials for mcp agent" }).click();
  await expect(row).not.toContainText("MCP may reveal credentials");
  expect((await legacy.listTools()).tools.map((t) => t.name)).not.toContain("get_credential");
  await legacy.close();
  await modern.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("an OAuth MCP connector: sign-in, consent in Chromium, tools/call, then Revoke on the keys page", async ({ browser, page, baseURL }) => {
  if (!baseURL) throw new Error("baseURL missing");
  test.setTimeout(240_000);
  // The connector's redirect URI: a loopback listener, as CLI clients use.
  const callback = createServer((_req, res) => res.end("You can close this tab."));
  await new Promise<void>((resolve) => callback.listen(0, "127.0.0.1", resolve));
  const redirect = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
  try {
    const email = randomEmail("mcp-oauth");
    await signUp(page, email);

    const auth = new MemoryOAuthProvider("E2E Connector", redirect);
    const first = new StreamableHTTPClientTransport(new URL(`${baseURL}/mcp`), { authProvider: auth });
    await expect(new Client({ name: "e2e-connector", version: "1.0.0" }).connect(first)).rejects.toThrow(/Unauthorized/i);
    expect(auth.authorizationUrl?.href).toContain(`${baseURL}/oauth2/authorize?`);

    // A browser without a session: the authorization URL leads to sign-in, then back to consent.
    const fresh = await browser.newContext();
    const human = await fresh.newPage();
    await human.goto(auth.authorizationUrl?.href ?? "");
    await expect(human).toHaveURL(/\/sign-in\?callbackUrl=%2Foauth2%2Fconsent%2F/);
    await fillCredentials(human, email, PASSWORD);
    await human.getByRole("button", { name: "Sign in" }).click();
    await expect(human.getByRole("heading", { name: "Allow E2E Connector to use your Akhrot account?" })).toBeVisible({ timeout: 60_000 });
    await expect(human.getByText("E2E Connector (unverified name)")).toBeVisible();
    await expect(human.getByText(/^127\.0\.0\.1:\d+$/)).toBeVisible();
    for (const scheme of ["light", "dark"] as const) {
      await human.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(human), scheme).toEqual([]);
    }
    await human.emulateMedia({ colorScheme: "light" });
    await human.screenshot({ path: "e2e/artifacts/mcp-consent-desktop.png", fullPage: true });
    await human.setViewportSize({ width: 390, height: 844 });
    await human.screenshot({ path: "e2e/artifacts/mcp-consent-phone.png", fullPage: true });

    await human.getByLabel("Only the providers ticked below").check();
    await human.getByRole("checkbox", { name: "GitHub" }).check();
    await human.getByRole("button", { name: "Allow" }).click();
    await human.waitForURL((url) => url.href.startsWith(redirect));
    const back = new URL(human.url());
    expect(back.searchParams.get("code")).toBeTruthy();
    await first.finishAuth(back.searchParams);

    const client = new Client({ name: "e2e-connector", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${baseURL}/mcp`), { authProvider: auth }));
    expect((await client.listTools()).tools.map((t) => t.name)).toContain("list_connections");
    expect((await call(client, "list_connections")).isError).toBeFalsy();
    const google = await call(client, "get_provider_docs", { provider: "google" });
    expect(google.isError).toBe(true);
    expect(JSON.stringify(google.content)).toContain("FORBIDDEN");

    await page.goto("/dashboard/keys");
    const row = page.getByRole("row").filter({ hasText: "E2E Connector" });
    await expect(row).toContainText("MCP client");
    await expect(row).toContainText("OAuth · 127.0.0.1");
    await expect(row).toContainText("github");
    await row.getByRole("button", { name: "Revoke key E2E Connector" }).click();
    await row.getByRole("button", { name: "Confirm revoke E2E Connector" }).click();
    await expect(row).toContainText("Revoked");
    await expect(call(client, "list_connections")).rejects.toThrow();
    await client.close();
    await fresh.close();
  } finally {
    callback.close();
  }
});
