import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { ciphertextKeyId, currentKeyId, decryptSecret, DecryptionError, encryptSecret } from "./secret-box";

const original = process.env.AKHROT_ENCRYPTION_KEY;
afterEach(() => {
  process.env.AKHROT_ENCRYPTION_KEY = original;
  delete process.env.AKHROT_ENCRYPTION_KEYS_OLD;
  resetEnvCache();
});

describe("secret box (AES-256-GCM)", () => {
  it("round-trips and never repeats a ciphertext", () => {
    const a = encryptSecret("ya29.token", "conn_1:access_token");
    const b = encryptSecret("ya29.token", "conn_1:access_token");
    expect(a).not.toBe(b);
    expect(a).not.toContain("ya29");
    expect(decryptSecret(a, "conn_1:access_token")).toBe("ya29.token");
    expect(ciphertextKeyId(a)).toBe(currentKeyId());
  });

  it("fails when moved to another row or field", () => {
    const box = encryptSecret("secret", "conn_1:access_token");
    expect(() => decryptSecret(box, "conn_2:access_token")).toThrow(DecryptionError);
    expect(() => decryptSecret(box, "conn_1:refresh_token")).toThrow(DecryptionError);
  });

  it("fails on any flipped byte", () => {
    const box = encryptSecret("secret value", "aad");
    const [v, kid, iv, body] = box.split(".") as [string, string, string, string];
    const raw = Buffer.from(body, "base64url");
    for (const i of [0, raw.length - 1]) {
      const flipped = Buffer.from(raw);
      flipped[i] = (flipped[i] ?? 0) ^ 1;
      expect(() => decryptSecret([v, kid, iv, flipped.toString("base64url")].join("."), "aad")).toThrow(DecryptionError);
    }
  });

  it("reads ciphertexts of a retired key listed in AKHROT_ENCRYPTION_KEYS_OLD", () => {
    const box = encryptSecret("old", "aad");
    const oldKey = process.env.AKHROT_ENCRYPTION_KEY ?? "";
    process.env.AKHROT_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    resetEnvCache();
    expect(() => decryptSecret(box, "aad")).toThrow(/no encryption key/);
    process.env.AKHROT_ENCRYPTION_KEYS_OLD = oldKey;
    resetEnvCache();
    expect(decryptSecret(box, "aad")).toBe("old");
    expect(ciphertextKeyId(encryptSecret("new", "aad"))).not.toBe(ciphertextKeyId(box));
  });

  it.each(["", "v1.abc", "v2.a.b.c", "v1.deadbeef.AAAA.AAAA.extra"])("rejects malformed %j", (box) => {
    expect(() => decryptSecret(box, "aad")).toThrow(DecryptionError);
  });
});
