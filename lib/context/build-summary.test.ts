import { describe, expect, it } from "vitest";
import { providerCodes, providers, type ProviderCode } from "@/lib/providers";
import type { ProviderAccess } from "./types";
import { buildSummary } from "./build-summary";
import { connection, everyReady, utf8Bytes } from "./test-connections";

const base = "https://akhrot.example.com";

function connectedCodes(markdown: string): string[] {
  return markdown.split("\n").filter((l) => l.startsWith("- ")).map((l) => l.slice(2).split(" ")[0] ?? "");
}

function availableCodes(markdown: string): string[] {
  const line = markdown.split("\n").find((l) => l.startsWith("Available: "));
  return line === undefined ? [] : line.slice("Available: ".length).split(",").map((c) => c.trim());
}

// The providers with the longest service lists: the worst case for the byte budget.
const heavy: ProviderCode[] = ["microsoft", "google", "github", "x-twitter", "notion", "linear", "slack", "openai", "twilio", "stripe"];

describe("buildSummary", () => {
  it("lists exactly the connected codes, and none of them under Available", () => {
    const connections = [
      connection("google"),
      connection("github", { accountLabel: "alice-gh" }),
      connection("slack"),
      connection("notion", { status: "needs_reauth" }),
    ];
    const { markdown, json } = buildSummary(connections, base, everyReady);
    expect(connectedCodes(markdown)).toEqual(["google", "github", "slack"]);
    const available = availableCodes(markdown);
    for (const code of ["google", "github", "slack", "notion"]) expect(available).not.toContain(code);
    expect(new Set([...available, "google", "github", "slack", "notion"])).toEqual(new Set(providerCodes));
    expect(json.connected.map((c) => c.provider)).toEqual(["google", "github", "slack"]);
    expect(json.available).toEqual(available);
    expect(json.connected[0]?.services).toEqual(["gmail", "drive", "calendar", "sheets"]);
    expect(markdown).toContain("- google alice.longname@example.com: gmail drive calendar sheets");
  });

  it("shows connections that need re-authorization and points the connect call at them", () => {
    const { markdown, json } = buildSummary([connection("google"), connection("notion", { status: "needs_reauth", accountLabel: "Acme" })], base, everyReady);
    expect(markdown).toContain("Needs re-auth: notion Acme");
    expect(markdown).toContain('POST /oauth/sessions {"provider":"notion"}');
    expect(json.needsReauth).toEqual([expect.objectContaining({ provider: "notion", label: "Acme" })]);
    expect(json.next.connect).toEqual({ method: "POST", url: `${base}/oauth/sessions`, body: { provider: "notion" } });
  });

  it("names the next two calls with relative paths in markdown and absolute URLs in JSON", () => {
    const { markdown, json } = buildSummary([connection("github")], `${base}/`, everyReady);
    expect(markdown).toContain('POST /tokens/fetch {"provider":"github"}');
    expect(markdown).toContain('POST /oauth/sessions {"provider":"google"}');
    expect(json.next.fetchToken).toEqual({ method: "POST", url: `${base}/tokens/fetch`, body: { provider: "github" } });
    expect(json.next.details?.url).toBe(`${base}/ai/context/github`);
  });

  it.each([
    [0, 600],
    [3, 600],
    [10, 1024],
  ])("stays within budget with %i connections (≤ %i bytes)", (count, budget) => {
    const connections = heavy.slice(0, count).map((p) => connection(p));
    const { markdown } = buildSummary(connections, base, everyReady);
    expect(utf8Bytes(markdown)).toBeLessThanOrEqual(budget);
    // Realistic labels fit without being cut.
    if (count > 0) expect(markdown.split("alice.longname@example.com").length - 1).toBe(count);
    expect(connectedCodes(markdown)).toHaveLength(count);
  });

  it("shrinks absurd labels rather than break the budget", () => {
    const long = `${"very.long.label.".repeat(12)}@example.com`;
    const connections = heavy.slice(0, 3).map((p) => connection(p, { accountLabel: long }));
    const { markdown, json } = buildSummary(connections, base, everyReady);
    expect(utf8Bytes(markdown)).toBeLessThanOrEqual(600);
    expect(json.connected[0]?.accounts[0]?.label).toBe(long);
  });

  it("lists several accounts of one provider with the default first and marked", () => {
    const { markdown } = buildSummary(
      [connection("google", { accountLabel: "bob@example.com", isDefault: false }), connection("google", { accountLabel: "alice@example.com" })],
      base,
      everyReady,
    );
    expect(markdown).toContain("- google alice@example.com (default), bob@example.com: gmail drive calendar sheets");
  });

  it("says so when nothing is connected and never emits HTML", () => {
    const { markdown, json } = buildSummary([connection("reddit", { accountLabel: "<script>alert(1)</script>" })], base, everyReady);
    expect(markdown).not.toMatch(/</);
    expect(json.connected[0]?.accounts[0]?.label).toBe("<script>alert(1)</script>");
    const empty = buildSummary([], base, everyReady);
    expect(empty.markdown).toContain("Connected: none yet");
    expect(availableCodes(empty.markdown)).toEqual([...providerCodes]);
    expect(empty.markdown).toContain('POST /oauth/sessions {"provider":"google"}');
  });
});

/** A fresh instance: no OAuth app and no Telegram env, so only API-key providers are ready. */
const freshInstance = (allowList: ProviderCode[] | null = null): ProviderAccess => ({
  setupNeeded: (code) => (providers.find((p) => p.code === code)?.authType === "api_key" ? null : `${code} needs the operator`),
  allowed: (code) => allowList === null || allowList.includes(code),
});
const apiKeyCodes = providers.filter((p) => p.authType === "api_key").map((p) => p.code);
const setupCodes = providers.filter((p) => p.authType !== "api_key").map((p) => p.code);

function setupLine(markdown: string): string[] {
  const line = markdown.split("\n").find((l) => l.startsWith("Not set up here (operator first): "));
  return line === undefined ? [] : line.slice(line.indexOf(": ") + 2).split(",");
}

describe("buildSummary on an instance with providers that need the operator", () => {
  it("offers only ready providers and never suggests a connect call that would answer 503", () => {
    const { markdown, json } = buildSummary([], base, freshInstance());
    expect(availableCodes(markdown)).toEqual(apiKeyCodes);
    expect(setupLine(markdown)).toEqual(setupCodes);
    expect(json.available).toEqual(apiKeyCodes);
    expect(json.needsOperatorSetup).toEqual(setupCodes);
    expect(markdown).not.toMatch(/"provider":"(google|github|telegram)"/);
    expect(markdown).toContain(`POST /oauth/sessions {"provider":"${apiKeyCodes[0]}"}`);
    expect(json.next.connect?.body).toEqual({ provider: apiKeyCodes[0] });
    expect(json.next.fetchToken?.body).toEqual({ provider: apiKeyCodes[0] });
    expect(utf8Bytes(markdown)).toBeLessThanOrEqual(600);
  });

  it("does not point the connect call at a broken connection the instance can no longer connect", () => {
    const { markdown, json } = buildSummary([connection("openai"), connection("google", { status: "needs_reauth" })], base, freshInstance());
    expect(markdown).toContain("Needs re-auth: google");
    expect(json.next.connect?.body).not.toEqual({ provider: "google" });
    expect(markdown).not.toContain('POST /oauth/sessions {"provider":"google"}');
  });

  it("stays within budget at 3 connections with both lists", () => {
    const connections = heavy.slice(0, 3).map((p) => connection(p));
    expect(utf8Bytes(buildSummary(connections, base, freshInstance()).markdown)).toBeLessThanOrEqual(600);
  });

  it("offers nothing outside the key's allow-list, ready or not", () => {
    const { markdown, json } = buildSummary([], base, freshInstance(["google", "stripe"]));
    expect(json.available).toEqual(["stripe"]);
    expect(json.needsOperatorSetup).toEqual(["google"]);
    expect(availableCodes(markdown)).toEqual(["stripe"]);
    expect(json.next.connect?.body).toEqual({ provider: "stripe" });
  });

  it("suggests no connect call at all when the key may use only providers that need the operator", () => {
    const { markdown, json } = buildSummary([], base, freshInstance(["google"]));
    expect(markdown).not.toContain("POST /oauth/sessions");
    expect(markdown).toContain("Available: none");
    expect(json.next).toEqual({ fetchToken: null, connect: null, details: null });
  });
});
