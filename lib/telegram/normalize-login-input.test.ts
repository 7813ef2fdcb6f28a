import { describe, expect, it } from "vitest";
import { normalizeCloudPassword, normalizeLoginCode, normalizePhone } from "./normalize-login-input";

describe("normalizePhone", () => {
  it.each([
    ["+44 7700 900321", "447700900321"],
    ["0044 (7700) 900-321", "447700900321"],
    ["+1.202.555.0147", "12025550147"],
  ])("%j → %s", (raw, digits) => expect(normalizePhone(raw)).toEqual({ ok: true, value: digits }));

  it.each(["", "07700 900321", "+0 7700 900321", "+44 7700 9OO321", "+123456", "+1234567890123456"])("%j is refused without echoing it", (raw) => {
    const r = normalizePhone(raw);
    expect(r.ok).toBe(false);
    if (!r.ok && raw) expect(r.message).not.toContain(raw);
  });
});

describe("normalizeLoginCode", () => {
  it("numeric codes lose spaces and dashes; words and phrases stay text", () => {
    expect(normalizeLoginCode(" 12 3-45 ", "app")).toEqual({ ok: true, value: "12345" });
    expect(normalizeLoginCode("abcde", "sms").ok).toBe(false);
    expect(normalizeLoginCode("123", "sms").ok).toBe(false);
    expect(normalizeLoginCode(" purple monkey ", "phrase")).toEqual({ ok: true, value: "purple monkey" });
  });
});

describe("normalizeCloudPassword", () => {
  it("keeps the password exactly, spaces included", () => {
    expect(normalizeCloudPassword(" pass word ")).toEqual({ ok: true, value: " pass word " });
    expect(normalizeCloudPassword("").ok).toBe(false);
    expect(normalizeCloudPassword("x".repeat(257)).ok).toBe(false);
  });
});
