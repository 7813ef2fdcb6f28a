/**
 * The MCP endpoint under `npm start` (scripts/serve.ts hands /mcp to Next's route handler):
 * the official SDK client on the Node side, the human in Chromium. A key minted in the
 * dashboard lists the MCP tools without get_credential; the agent's connect link is finished
 * in the browser by the signed-in owner; the owner turns on "Allow MCP credentials" (after a
 * warning) and get_credential appears and returns a token that works at the provider.
 */
import { Client, StreamableHTTPClientTransport, type CallToolResult } from "@modelcontextprotocol/client";
import { expect, test } from "@playwright/test";
import { fillCredentials, loginAndConsentAtProvider, PASSWORD, randomEmail } from "./helpers";

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
