import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-path";

describe("safeCallbackPath", () => {
  it.each([
    ["/dashboard/keys", "/dashboard/keys"],
    ["/dashboard/keys?x=1", "/dashboard/keys?x=1"],
    ["/connect/cs_abc?from=agent", "/connect/cs_abc?from=agent"],
    ["/dashboard/../dashboard/keys", "/dashboard/keys"],
    ["//evil.example/path", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["https://evil.example", "/dashboard"],
    ["javascript:alert(1)", "/dashboard"],
    ["", "/dashboard"],
    [undefined, "/dashboard"],
    [["/a", "/b"], "/dashboard"],
  ])("%j → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  // SECURITY-REVIEW.md's S13 battery, decoded as Next hands `callbackUrl` to the page.
  it.each([
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["/\r/evil.example"],
    ["/\\evil.example"],
    ["///evil.example"],
    ["/\t\\/evil.example"],
    ["https://evil.example"],
    ["/ /evil.example"],
    ["/\u00a0/evil.example"],
    ["/\u2028/evil.example"],
    ["/\u0000/evil.example"],
    ["/%2F/evil.example"],
    ["/.//evil.example"],
  ])("S13: %j never leaves the origin", (input) => {
    const out = safeCallbackPath(input);
    expect(new URL(out, "https://akhrot.example").origin).toBe("https://akhrot.example");
    expect(out).not.toMatch(/[\s\\]/);
    expect(out.startsWith("//")).toBe(false);
  });

  it("S13: a tab-split path is refused, not passed through", () => {
    expect(safeCallbackPath("/\t/evil.example")).toBe("/dashboard");
  });
});
