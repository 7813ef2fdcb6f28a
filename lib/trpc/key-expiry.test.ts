import { describe, expect, it } from "vitest";
import { isExpiryPreset, resolveExpiry } from "./key-expiry";

const now = new Date("2025-01-01T00:00:00Z");

describe("resolveExpiry", () => {
  it.each([
    ["never", null],
    [undefined, null],
    ["7d", "2025-01-08T00:00:00.000Z"],
    ["30d", "2025-01-31T00:00:00.000Z"],
    ["90d", "2025-04-01T00:00:00.000Z"],
    ["1y", "2026-01-01T00:00:00.000Z"],
  ] as const)("%s → %s", (choice, expected) => {
    expect(resolveExpiry(choice, now)?.toISOString() ?? null).toBe(expected);
  });

  it("keeps an explicit date", () => {
    const d = new Date("2025-06-01T12:00:00Z");
    expect(resolveExpiry(d, now)).toBe(d);
  });

  it("recognises only the presets", () => {
    expect(isExpiryPreset("30d")).toBe(true);
    expect(isExpiryPreset("31d")).toBe(false);
    expect(isExpiryPreset("custom")).toBe(false);
  });
});
