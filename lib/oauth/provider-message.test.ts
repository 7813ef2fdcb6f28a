import { describe, expect, it } from "vitest";
import { providerMessage, sanitise } from "./provider-message";

describe("providerMessage: the provider's reason, safe to show", () => {
  it("reads the usual error fields in order", () => {
    expect(providerMessage({ error: "invalid_grant", error_description: "Token has been expired or revoked." })).toBe("Token has been expired or revoked.");
    expect(providerMessage({ error: { message: "Invalid API key" } })).toBe("Invalid API key");
    expect(providerMessage({ errors: [{ message: "Not Authorized" }] })).toBe("Not Authorized");
    expect(providerMessage({ message: "bad" })).toBe("bad");
    expect(providerMessage("not an object")).toBeUndefined();
  });

  it("redacts the secrets sent and anything token-shaped, strips control characters, caps the length", () => {
    expect(providerMessage({ message: "key sk-abc123 is invalid" }, ["sk-abc123"])).toBe("key [redacted] is invalid");
    expect(sanitise(`bad token ${"x".repeat(40)}`)).toBe("bad token [redacted]");
    expect(sanitise("line\r\nbreak\u0007")).toBe("line break");
    expect(sanitise("word ".repeat(100)).length).toBeLessThanOrEqual(200);
  });
});
