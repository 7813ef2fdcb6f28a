import { describe, expect, it } from "vitest";
import { generateApiKey, isWellFormedApiKey, KEY_PREFIX } from "./key-format";
import { extractBearerKey } from "./authenticate-api-key";
import { ApiError } from "@/lib/api/errors";

describe("agent key format", () => {
  it("generates distinct well-formed akh_ keys", () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
    for (const k of keys) {
      expect(k.startsWith(KEY_PREFIX)).toBe(true);
      expect(k).toHaveLength(53);
      expect(isWellFormedApiKey(k)).toBe(true);
    }
  });

  it("rejects any single-character change via the checksum", () => {
    const key = generateApiKey();
    for (const i of [4, 20, 46, 47, 52]) {
      const c = key[i] === "a" ? "b" : "a";
      expect(isWellFormedApiKey(key.slice(0, i) + c + key.slice(i + 1))).toBe(false);
    }
  });

  it.each([
    ["empty", ""],
    ["truncated", generateApiKey().slice(0, -1)],
    ["extended", `${generateApiKey()}x`],
    ["wrong prefix", `akx_${generateApiKey().slice(4)}`],
    ["non-base62", `${generateApiKey().slice(0, 10)}-${generateApiKey().slice(11)}`],
  ])("rejects %s", (_, k) => expect(isWellFormedApiKey(k)).toBe(false));
});

describe("Authorization header parsing", () => {
  const key = generateApiKey();
  it("accepts exactly `Bearer <key>`", () => expect(extractBearerKey(`Bearer ${key}`)).toBe(key));
  it("S19: accepts the scheme in any case (RFC 6750 §2.1, RFC 9110 §11.1)", () => {
    expect([`bearer ${key}`, `BEARER ${key}`].map(extractBearerKey)).toEqual([key, key]);
  });
  it.each([
    ["missing", null],
    ["two spaces", `Bearer  ${key}`],
    ["trailing space", `Bearer ${key} `],
    ["two headers joined", `Bearer ${key}, Bearer ${key}`],
    ["Basic scheme", `Basic ${key}`],
    ["bad checksum", `Bearer ${key.slice(0, -1)}${key.endsWith("a") ? "b" : "a"}`],
  ])("refuses %s with UNAUTHORIZED and a Bearer challenge", (_, header) => {
    try {
      extractBearerKey(header);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      const err = e as ApiError;
      expect(err.code).toBe("UNAUTHORIZED");
      expect(err.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(err.message).not.toContain(key);
    }
  });
});
