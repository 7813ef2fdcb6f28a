/**
 * API-key provider conformance (issue 16 item 3): each provider's key check against a local
 * server that enforces the documented request (lib/providers/conformance/api-key-fixtures.ts),
 * MongoDB's real HTTP Digest handshake and Cloudflare's account-token path included. A valid
 * key must pass, a bad one must be refused with the provider's own words and without the key.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { verifyApiKey } from "@/lib/connections/verify-api-key";
import { resetEnvCache } from "@/lib/env";
import { providers, type ApiKeyProvider } from "@/lib/providers";
import { apiKeyFixtures, apiKeyVariantFixtures } from "@/lib/providers/conformance/api-key-fixtures";
import type { ApiKeyFixture } from "@/lib/providers/conformance/fixture-types";
import { startApiKeyServer } from "@/lib/testing/api-key-conformance-server";

const keyProviders = providers.filter((p): p is ApiKeyProvider => p.authType === "api_key");
const results = new Map<string, string>();
const envName = (code: string) => `APIKEY_${code.toUpperCase().replaceAll("-", "_")}_BASE_URL`;

afterEach(() => {
  for (const p of keyProviders) delete process.env[envName(p.code)];
  resetEnvCache();
});
afterAll(() => {
  const lines = keyProviders.map((p) => `${results.get(p.code)?.startsWith("pass") ? "PASS" : "FAIL"}  ${p.code.padEnd(11)} ${results.get(p.code) ?? "not run"}`);
  lines.push("n/a   telegram    MTProto login, covered by tests/integration/telegram-login.test.ts");
  console.log(`\nAPI-key provider conformance (${keyProviders.length} providers)\n${lines.join("\n")}\n`);
});

/** The catalog base URL's path under the local server (the host is what the override replaces). */
function basePath(p: ApiKeyProvider): string {
  return p.usage.baseUrl.startsWith("{") ? "" : new URL(p.usage.baseUrl).pathname.replace(/\/+$/, "");
}

it("every API-key provider with a key check has a conformance fixture", () => {
  expect(keyProviders.filter((p) => p.verify && !apiKeyFixtures[p.code]).map((p) => p.code)).toEqual([]);
});

/** The fixture's valid key passes the documented request; the same key with one character changed is refused in the provider's words. */
async function checkAgainstFixture(code: string, p: ApiKeyProvider, fx: ApiKeyFixture) {
  const server = await startApiKeyServer(fx);
  try {
    process.env[envName(code)] = `${server.base}${basePath(p)}`;
    resetEnvCache();
    expect(await verifyApiKey(p, fx.fields), `valid key (${server.problems.join("; ")})`).toEqual({ ok: true });
    expect(server.problems).toEqual([]);
    const secretField = fx.expect.digest ? "privateKey" : p.accessTokenField;
    const good = fx.fields[secretField] ?? "";
    const bad = `${good.slice(0, -1)}${good.endsWith("1") ? "2" : "1"}`;
    const refused = await verifyApiKey(p, { ...fx.fields, [secretField]: bad });
    expect(refused.ok).toBe(false);
    const message = refused.ok ? "" : refused.message;
    expect(message, "the provider's words").toContain(fx.refused.said);
    expect(message).not.toContain(bad);
  } finally {
    await server.stop();
  }
}

describe.each(apiKeyVariantFixtures.map((v) => [v.code, v.form, v] as const))("%s key check, %s", (code, _form, v) => {
  it("accepts the documented request and quotes the provider's refusal of a bad key", async () => {
    const p = keyProviders.find((k) => k.code === code);
    if (!p) throw new Error(`catalog lacks ${code}`);
    await checkAgainstFixture(code, p, v.fixture);
  });
});

describe.each(keyProviders.map((p) => [p.code, p] as const))("%s key check", (code, p) => {
  it("accepts the documented request and quotes the provider's refusal of a bad key", async () => {
    const fx = apiKeyFixtures[code];
    if (!fx) throw new Error(`no fixture for ${code}`);
    try {
      await checkAgainstFixture(code, p, fx);
      results.set(code, `pass (${fx.expect.digest ? "HTTP Digest handshake" : `${fx.expect.method} ${fx.expect.path}`})`);
    } catch (err) {
      results.set(code, `failed: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`);
      throw err;
    }
  });
});

it("mongodb: a connection string alone is not sent to the Atlas API", async () => {
  const mongodb = keyProviders.find((p) => p.code === "mongodb");
  if (!mongodb) throw new Error("catalog lacks mongodb");
  process.env[envName("mongodb")] = "http://127.0.0.1:9/unreachable";
  resetEnvCache();
  expect(await verifyApiKey(mongodb, { connectionString: "mongodb+srv://u:p@c.example.net/app" })).toEqual({ ok: true });
});
