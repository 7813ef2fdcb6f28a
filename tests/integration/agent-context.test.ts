/**
 * The agent's self-documentation through the real route handlers: /ai/context/summary,
 * /ai/context/{provider}, /ai/context/{provider}/{service}, markdown by default and JSON on
 * request, byte budgets, and the error envelope for unknown providers and services.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as aiContextSummaryModule from "@/app/ai/context/summary/route";
import * as aiContextProviderModule from "@/app/ai/context/[provider]/route";
import * as aiContextProviderServiceModule from "@/app/ai/context/[provider]/[service]/route";
import { getProvider, providerCodes } from "@/lib/providers";
import { makeKey, makeOAuthConnection, makeUser, params, request, testDb } from "@/lib/testing/fixtures";
import { checked } from "../support/openapi-check";

const { GET: summary } = checked(aiContextSummaryModule);
const { GET: providerRoute } = checked(aiContextProviderModule);
const { GET: serviceRoute } = checked(aiContextProviderServiceModule);

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

async function userWith(codes: string[]) {
  const user = await makeUser(db);
  for (const [i, code] of codes.entries()) await makeOAuthConnection(db, user.id, code, { label: `alice.longname${i}@example.com`, scopes: ["openid"] });
  return { user, key: (await makeKey(db, user.id)).key };
}

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("GET /ai/context/summary", () => {
  it("lists exactly the connected codes, the rest as available or needing the operator, and the next calls", async () => {
    const { key } = await userWith(["google", "github", "slack"]);
    const res = await summary(request("/ai/context/summary", { key }));
    const text = await res.text();
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(text).not.toMatch(/<[a-z]/i);
    const json = (await (await summary(request("/ai/context/summary", { key, headers: { accept: "application/json" } }))).json()) as {
      connected: { provider: string }[];
      available: string[];
      needsOperatorSetup: string[];
    };
    expect(json.connected.map((c) => c.provider).sort()).toEqual(["github", "google", "slack"]);
    expect(json.available).not.toContain("google");
    // No OAuth app and no Telegram env in this test: only API-key providers can be connected.
    expect(json.available.length + json.needsOperatorSetup.length).toBe(providerCodes.length - 3);
    for (const code of json.available) expect(getProvider(code)?.authType).toBe("api_key");
    expect(json.needsOperatorSetup).toContain("notion");
    expect(text).toMatch(/tokens\/fetch/);
    expect(text).toMatch(/oauth\/sessions/);
  });

  it.each([
    [0, [], 600],
    [3, ["google", "microsoft", "github"], 600],
    [10, ["google", "microsoft", "github", "slack", "notion", "jira", "gitlab", "zoom", "dropbox", "x-twitter"], 1024],
  ])("%i connections stay within %s… bytes", async (_, codes, budget) => {
    const { key } = await userWith(codes);
    const text = await (await summary(request("/ai/context/summary", { key }))).text();
    expect(bytes(text)).toBeLessThanOrEqual(budget);
  });

  it("a key restricted to some providers only sees those", async () => {
    const { user } = await userWith(["google", "github"]);
    const { key } = await makeKey(db, user.id, { providers: ["github"] });
    const json = (await (await summary(request("/ai/context/summary", { key, headers: { accept: "application/json" } }))).json()) as { connected: { provider: string }[] };
    expect(json.connected.map((c) => c.provider)).toEqual(["github"]);
  });
});

describe("GET /ai/context/{provider}", () => {
  it("connected: account, scopes, header format, base URL, services and a curl", async () => {
    const { key } = await userWith(["github"]);
    const res = await providerRoute(request("/ai/context/github", { key }), params({ provider: "github" }));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("alice.longname0@example.com");
    expect(text).toContain("https://api.github.com");
    expect(text).toContain("/ai/context/github/issues");
    expect(text).toMatch(/curl /);
  });

  it("not connected: says how to connect", async () => {
    const { key } = await userWith([]);
    const text = await (await providerRoute(request("/ai/context/notion", { key }), params({ provider: "notion" }))).text();
    expect(text).toMatch(/not connected/i);
    expect(text).toContain('{"provider":"notion"}');
  });

  it("needs re-authorization is shown", async () => {
    const user = await makeUser(db);
    await makeOAuthConnection(db, user.id, "google", { label: "bob@example.com", status: "needs_reauth" });
    const { key } = await makeKey(db, user.id);
    const text = await (await providerRoute(request("/ai/context/google", { key }), params({ provider: "google" }))).text();
    expect(text).toMatch(/re-?auth/i);
  });

  it.each(["nope", "../../etc/passwd", "GOOGLE", "gооgle", "x".repeat(10_000), "' OR 1=1 --"])("unknown provider %j → 400 UNKNOWN_PROVIDER, never echoed raw", async (code) => {
    const { key } = await userWith([]);
    const res = await providerRoute(request("/ai/context/x", { key }), params({ provider: code }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("UNKNOWN_PROVIDER");
    expect(body.error.message).toContain("/ai/context/summary");
    if (code.length > 40 || /[^a-z0-9-]/.test(code)) expect(body.error.message).not.toContain(code);
  });
});

describe("GET /ai/context/{provider}/{service}", () => {
  it("lists the scopes the service needs and which the grant lacks", async () => {
    const { key } = await userWith(["google"]);
    const res = await serviceRoute(request("/ai/context/google/gmail", { key, headers: { accept: "application/json" } }), params({ provider: "google", service: "gmail" }));
    expect(res.status).toBe(200);
    const json = JSON.stringify(await res.json());
    expect(json).toContain("gmail");
    expect(json).toMatch(/missing/i);
  });

  it("unknown service → 404 listing the provider's services", async () => {
    const { key } = await userWith([]);
    const res = await serviceRoute(request("/ai/context/google/nope", { key }), params({ provider: "google", service: "nope" }));
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string; services: string[] } };
    expect(body.error.code).toBe("NOT_FOUND");
    expect(body.error.services).toEqual(["gmail", "drive", "calendar", "sheets"]);
    expect(body.error.message).toContain("gmail, drive, calendar, sheets");
  });
});
