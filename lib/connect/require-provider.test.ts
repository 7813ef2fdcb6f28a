import { describe, expect, it } from "vitest";
import { closestProviderCode, requireProvider } from "./require-provider";

describe("requireProvider", () => {
  it.each([
    ["gogle", "google"],
    ["GOOGLE", "google"],
    ["git-hub", "github"],
    ["open-ai", "openai"],
    ["xtwitter", "x-twitter"],
    ["salesforce", undefined],
  ])("%s → suggests %s", (code, hint) => expect(closestProviderCode(code)).toBe(hint));

  it("suggests in the message, and never echoes a hostile code", () => {
    expect(() => requireProvider("gogle")).toThrow(/Did you mean "google"\?/);
    expect(() => requireProvider("<script>")).toThrow(/^That is not a provider code/);
  });
});
