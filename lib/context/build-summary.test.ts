import { describe, expect, it } from "vitest";
import { providerCodes, type ProviderCode } from "@/lib/providers";
import { buildSummary } from "./build-summary";
import { connection, utf8Bytes } from "./test-connections";

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
    const { markdown, json } = buildSummary(connections, base);
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
    const { markdown, json } = buildSummary([connection("google"), connection("notion", { status: "needs_reauth", accountLabel: "Acme" })], base);
    expect(markdown).toContain("Needs re-auth: notion Acme");
    expect(markdown).toContain('POST /oauth/sessions {"provider":"notion"}');
    expect(json.needsReauth).toEqual([expect.objectContaining({ provider: "notion", label: "Acme" })]);
    expect(json.next.connect).toEqual({ method: "POST", url: `${base}/oauth/sessions`, body: { provider: "notion" } });
  });

  it("names the next two calls with relative paths in markdown and absolute URLs in JSON", () => {
    const { markdown, json } = buildSummary([connection("github")], `${base}/`);
    expect(markdown).toContain('POST /tokens/fetch {"provider":"github"}');
    expect(markdown).toContain('POST /oauth/sessions {"provider":"google"}');
    expect(json.next.fetchToken).toEqual({ method: "POST", url: `${base}/tokens/fetch`, body: { provider: "github" } });
    expect(json.next.details.url).toBe(`${base}/ai/context/github`);
  });

  it.each([
    [0, 600],
    [3, 600],
    [10, 1024],
  ])("stays within budget with %i connections (≤ %i bytes)", (count, budget) => {
    const connections = heavy.slice(0, count).map((p) => connection(p));
    const { markdown } = buildSummary(connections, base);
    expect(utf8Bytes(markdown)).toBeLessThanOrEqual(budget);
    // Realistic labels fit without being cut.
    if (count > 0) expect(markdown.split("alice.longname@example.com").length - 1).toBe(count);
    expect(connectedCodes(markdown)).toHaveLength(count);
  });

  it("shrinks absurd labels rather than break the budget", () => {
    const long = `${"very.long.label.".repeat(12)}@example.com`;
    const connections = heavy.slice(0, 3).map((p) => connection(p, { accountLabel: long }));
    const { markdown, json } = buildSummary(connections, base);
    expect(utf8Bytes(markdown)).toBeLessThanOrEqual(600);
    expect(json.connected[0]?.accounts[0]?.label).toBe(long);
  });

  it("lists several accounts of one provider with the default first and marked", () => {
    const { markdown } = buildSummary(
      [connection("google", { accountLabel: "bob@example.com", isDefault: false }), connection("google", { accountLabel: "alice@example.com" })],
      base,
    );
    expect(markdown).toContain("- google alice@example.com (default), bob@example.com: gmail drive calendar sheets");
  });

  it("says so when nothing is connected and never emits HTML", () => {
    const { markdown, json } = buildSummary([connection("reddit", { accountLabel: "<script>alert(1)</script>" })], base);
    expect(markdown).not.toMatch(/</);
    expect(json.connected[0]?.accounts[0]?.label).toBe("<script>alert(1)</script>");
    const empty = buildSummary([], base);
    expect(empty.markdown).toContain("Connected: none yet");
    expect(availableCodes(empty.markdown)).toEqual([...providerCodes]);
    expect(empty.markdown).toContain('POST /oauth/sessions {"provider":"google"}');
  });
});
